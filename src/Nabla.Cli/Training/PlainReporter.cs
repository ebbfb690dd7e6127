using System.Globalization;

namespace Nabla.Cli.Training;

/// <summary>One line per epoch, for logs and pipes (<c>--plain</c> or when output is not a terminal).</summary>
public sealed class PlainReporter(TextWriter output) : IReporter, IEpochProgress
{
    public void Run(Action<IEpochProgress> training) => training(this);

    public void StartEpoch(int epoch, int epochs, int steps) { }

    public void Step(int done, double loss, double accuracy, double samplesPerSecond) { }

    public void EndEpoch(bool completed) { }

    public void EpochDone(EpochResult r) => output.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"epoch {r.Epoch}: train loss {r.TrainLoss:F4}{Acc(r.TrainAccuracy)}, test loss {r.TestLoss:F4}{Acc(r.TestAccuracy)}, {r.Seconds:F1} s"));

    public void Info(string line) => output.WriteLine(line);

    private static string Acc(double accuracy) =>
        double.IsNaN(accuracy) ? "" : string.Create(CultureInfo.InvariantCulture, $" acc {accuracy:P2}");
}
