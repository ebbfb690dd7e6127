// An LSTM that predicts the next value of a sine wave (DeZero step 60), with a prediction-vs-truth plot.
// Run: dotnet run --project examples/SinCurveLstm -c Release -- [--quick] [--out DIR] [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;
using ScottPlot;

namespace Nabla.Examples.SinCurveLstm;

/// <summary>
/// DeZero's "BetterRNN" (an LSTM of 100 units and a linear read-out) learns y[t+1] from y[t] on a noisy sine:
/// 30 parallel streams of the series (<see cref="SeqDataLoader"/>), truncated backprop through time every 30 steps,
/// Adam, 100 epochs. Then, fed the true cos(x) over [0, 4π] one value at a time, it predicts each next value;
/// <c>sincurve-prediction.png</c> draws the prediction over the truth.
/// </summary>
public static class Program
{
    private const int BatchSize = 30, HiddenSize = 100, BpttLength = 30;

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>The model: an LSTM and a linear read-out, one time step per call.</summary>
    public sealed class BetterRnn(int hiddenSize, int outSize) : Model
    {
        private readonly LSTM rnn = new(hiddenSize, inSize: 1);
        private readonly Linear fc = new(outSize, inSize: hiddenSize);

        /// <summary>Forgets the hidden and cell states, before a new sequence.</summary>
        public void ResetState() => rnn.ResetState();

        public override Variable Forward(Variable x) => fc.Forward(rnn.Forward(x));
    }

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = ExampleOptions.Parse(args, "SinCurveLstm", "an LSTM predicting a sine wave, with a prediction plot", output, out int exit);
        if (options is null) return exit;
        int epochs = options.Quick ? 3 : 100;

        Init.Seed(0);
        var train = new SinCurve(train: true, seed: 0, dtype: DType.Float32);
        var loader = new SeqDataLoader(train, BatchSize, options.Device);
        var model = new BetterRnn(HiddenSize, 1);
        model.To(options.Device);
        var optimizer = new Adam(1e-3).Setup(model);

        output.WriteLine($"sin curve: {train.Count} steps in {BatchSize} streams; LSTM({HiddenSize}) + Linear(1), Adam(1e-3), BPTT every {BpttLength} steps, {epochs} epochs");
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            model.ResetState();
            Variable? loss = null;
            double lossSum = 0;
            int count = 0;
            foreach (var (x, t) in loader)
            {
                var step = F.MeanSquaredError(model.Forward(x), new Variable(t));
                loss = loss is null ? step : loss + step;
                count++;
                if (count % BpttLength != 0 && count != loader.BatchCount) continue;
                model.ClearGrads();
                loss.Backward();
                // The next stretch starts from the current state but does not backpropagate into this one.
                loss.UnchainBackward();
                optimizer.Update();
                lossSum += loss.Data.Item();
                loss = null;
            }
            if (epoch == 1 || epoch % Math.Max(epochs / 10, 1) == 0)
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "epoch {0,3}  loss {1:F6}", epoch, lossSum / count));
        }

        var xs = Tensor.Linspace(0, 4 * Math.PI, options.Quick ? 200 : 1000, dtype: DType.Float64).To(options.Device).Cos().ToArray<double>();
        var predicted = Predict(model, xs, options.Device);
        double mse = Enumerable.Range(0, xs.Length - 1).Average(i => (predicted[i] - xs[i + 1]) * (predicted[i] - xs[i + 1]));
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "predicting cos(x) over [0, 4π] one step ahead: mean squared error {0:F6}", mse));

        string path = options.OutPath("sincurve-prediction.png");
        SavePlot(path, xs, predicted);
        output.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>The model's output after each true value of the series: its guess of the next value.</summary>
    private static double[] Predict(BetterRnn model, double[] series, Device device)
    {
        using var noGrad = Config.NoGrad();
        model.ResetState();
        return series.Select(v => model.Forward(Tensor.Full([1, 1], v).To(device)).Data.GetDouble(0, 0)).ToArray();
    }

    private static void SavePlot(string path, double[] truth, double[] predicted)
    {
        double[] steps = Enumerable.Range(0, truth.Length).Select(i => (double)i).ToArray();
        var plot = new Plot();
        var t = plot.Add.ScatterLine(steps, truth);
        t.LegendText = "y = cos(x)";
        t.LineWidth = 2;
        // Prediction i is the guess of value i + 1, so it is drawn one step later.
        var p = plot.Add.ScatterLine(steps.Skip(1).ToArray(), predicted.SkipLast(1).ToArray());
        p.LegendText = "prediction";
        p.LinePattern = LinePattern.Dashed;
        p.LineWidth = 2;
        plot.ShowLegend();
        plot.Title("LSTM: prediction vs truth");
        plot.XLabel("step");
        plot.YLabel("y");
        plot.SavePng(path, 800, 500);
    }
}
