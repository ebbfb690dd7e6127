namespace Nabla.Bench.Training;

/// <summary>What one training epoch took and reached.</summary>
/// <param name="Seconds">Wall time of the epoch's steps (batch assembly, forward, backward, update).</param>
/// <param name="MeanLoss">Training loss averaged over the epoch's examples (classification) or time steps (sin curve).</param>
internal sealed record EpochStats(double Seconds, double MeanLoss);
