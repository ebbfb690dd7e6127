using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Bench.Training;

/// <summary>
/// Nabla's side of W7, the loop of the CLI's SinCurveTask: one time step per call of an LSTM(hidden) + Linear(1)
/// model, the squared errors summed over <c>bptt</c> steps, then backward, <c>UnchainBackward</c> and an Adam update.
/// </summary>
internal sealed class NablaSinCurve : ITrainer
{
    private readonly LSTM rnn;
    private readonly Nabla.NN.Linear fc;
    private readonly Sequential model;
    private readonly Optimizer optimizer;
    private readonly Tensor xTrain, tTrain, xTest, tTest;
    private readonly int bptt;

    public NablaSinCurve(LSTM rnn, Nabla.NN.Linear fc, Optimizer optimizer, (Tensor X, Tensor T) train, (Tensor X, Tensor T) test, int bptt, int steps)
    {
        (this.rnn, this.fc, this.bptt) = (rnn, fc, bptt);
        model = new Sequential(rnn, fc);
        this.optimizer = optimizer.Setup(model);
        (xTrain, tTrain, xTest, tTest) = (train.X, train.T, test.X, test.T);
        StepsPerEpoch = Math.Min(steps, xTrain.Dim(0));
    }

    /// <summary>Time steps (not updates) per epoch.</summary>
    public int StepsPerEpoch { get; }

    public EpochStats TrainEpoch(Phases? phases = null)
    {
        rnn.ResetState();
        int n = StepsPerEpoch, count = 0;
        double lossSum = 0;
        Variable? loss = null;
        phases?.Begin();
        var timer = Harness.Timer.Start();
        for (int i = 0; i < n; i++)
        {
            phases?.Mark("forward (LSTM step, linear, MSE)");
            var y = fc.Forward(rnn.Forward(xTrain.Narrow(0, i, 1)));
            var step = F.MeanSquaredError(y, new Variable(tTrain.Narrow(0, i, 1)));
            loss = loss is null ? step : loss + step;
            count++;
            if (count % bptt != 0 && i != n - 1) continue;
            phases?.Mark("backward (30 steps)");
            model.ClearGrads();
            loss.Backward();
            phases?.Mark("unchain");
            loss.UnchainBackward();
            phases?.Mark("optimizer (Adam)");
            optimizer.Update();
            phases?.Mark("loss readout");
            lossSum += loss.Data.Item();
            loss = null;
        }
        double seconds = timer.Seconds;
        phases?.End();
        return new EpochStats(seconds, lossSum / count);
    }

    /// <summary>Test mean squared error, each test value predicted from the true previous one (as the CLI).</summary>
    public double Test()
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        rnn.ResetState();
        int n = xTest.Dim(0);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double e = fc.Forward(rnn.Forward(xTest.Narrow(0, i, 1))).Data.GetDouble(0, 0) - tTest.GetDouble(i, 0);
            sum += e * e;
        }
        rnn.ResetState();
        return sum / n;
    }

    public IReadOnlyList<StageTime> ProfileStages(int reps) => [];

    public double ProfileUpdate(int reps) => double.NaN;

    public void Dispose() { }
}
