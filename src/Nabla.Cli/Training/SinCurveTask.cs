using System.Diagnostics;
using Nabla.Autodiff;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Cli.Training;

/// <summary>
/// Next-value prediction on a time series with truncated backprop through time, as DeZero's sin-curve
/// example: one sequence, one time step per call, an update every <c>bptt</c> steps.
/// </summary>
public sealed class SinCurveTask(SequenceModel model, Tensor xTrain, Tensor tTrain, Tensor xTest, Tensor tTest, int bptt = 30) : TrainingTask
{
    private double[]? lastPrediction;

    public override NN.Model Model => model;

    public override int StepsPerEpoch => (xTrain.Dim(0) + bptt - 1) / bptt;

    public override bool HasAccuracy => false;

    public override string LossName => "mean squared error";

    public override (double Loss, double Accuracy)? TrainEpoch(Optimizer optimizer, IEpochProgress progress, CancellationToken token)
    {
        model.ResetState();
        int n = xTrain.Dim(0), updates = 0, count = 0;
        double lossSum = 0;
        Variable? loss = null;
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            var y = model.Forward(xTrain.Narrow(0, i, 1));
            var step = F.MeanSquaredError(y, new Variable(tTrain.Narrow(0, i, 1)));
            loss = loss is null ? step : loss + step;
            count++;
            if (count % bptt != 0 && i != n - 1) continue;
            model.ClearGrads();
            loss.Backward();
            loss.UnchainBackward();
            optimizer.Update();
            lossSum += loss.Data.Item();
            loss = null;
            progress.Step(++updates, lossSum / count, double.NaN, count / clock.Elapsed.TotalSeconds);
            if (token.IsCancellationRequested) return null;
        }
        return (lossSum / count, double.NaN);
    }

    /// <summary>Predicts each test value from the true previous one, as DeZero's plot does.</summary>
    public override (double Loss, double Accuracy) Evaluate()
    {
        var predicted = Predict(xTest);
        var truth = tTest.AsType(DType.Float64).ToArray<double>();
        double sum = 0;
        for (int i = 0; i < truth.Length; i++) sum += (predicted[i] - truth[i]) * (predicted[i] - truth[i]);
        lastPrediction = predicted;
        return (sum / Math.Max(truth.Length, 1), double.NaN);
    }

    public double[] Predict(Tensor xs)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        model.ResetState();
        var result = new double[xs.Dim(0)];
        for (int i = 0; i < result.Length; i++)
            result[i] = model.Forward(xs.Narrow(0, i, 1)).Data.GetDouble(0, 0);
        return result;
    }

    public override IReadOnlyList<string> WriteCharts(string folder)
    {
        lastPrediction ??= Predict(xTest);
        var path = Path.Combine(folder, "prediction.png");
        var truth = tTest.AsType(DType.Float64).ToArray<double>();
        Charts.Prediction(path, Enumerable.Range(0, truth.Length).Select(i => (double)i).ToArray(), truth, lastPrediction);
        return [path];
    }
}
