using System.Globalization;
using Nabla.Bench.Harness;

namespace Nabla.Bench.Training;

/// <summary>
/// A trainer as a benchmark contender: each run is one epoch (the figure is its seconds), so the runs continue one
/// training. After the run that completes <paramref name="testEpoch"/> the test figure is taken (untimed); the check
/// value is the first epoch's mean training loss, which both systems reach from the same weights and batches.
/// </summary>
internal sealed class TrainingContender(ITrainer trainer, int testEpoch, bool testIsAccuracy) : IContender
{
    private int epochs;
    private double? firstLoss;
    private double lastLoss;
    private (int Epoch, double Value)? test;

    public double Run()
    {
        var stats = trainer.TrainEpoch();
        epochs++;
        firstLoss ??= stats.MeanLoss;
        lastLoss = stats.MeanLoss;
        return stats.Seconds;
    }

    public void AfterRun()
    {
        if (epochs == testEpoch) test = (epochs, trainer.Test());
    }

    public double[] Checks() => [firstLoss ?? double.NaN];

    public string? Extra()
    {
        // With fewer runs than the test epoch (--quick, --reps), the figure is taken after the last epoch instead.
        var (epoch, value) = test ?? (epochs, trainer.Test());
        string figure = testIsAccuracy
            ? string.Create(CultureInfo.InvariantCulture, $"test accuracy {value * 100:0.0}%")
            : string.Create(CultureInfo.InvariantCulture, $"test MSE {value:0.00000}");
        return string.Create(CultureInfo.InvariantCulture, $"{figure} after {epoch} epoch{(epoch == 1 ? "" : "s")} (train loss {lastLoss:0.0000} in epoch {epochs})");
    }

    public void Dispose() => trainer.Dispose();
}
