namespace Nabla.Cli.Training;

/// <summary>The figures of one finished epoch (accuracy is NaN for regression).</summary>
public sealed record EpochResult(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds);
