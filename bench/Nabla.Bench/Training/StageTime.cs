namespace Nabla.Bench.Training;

/// <summary>One stage of a model timed alone: forward and backward, ms per call (median).</summary>
internal sealed record StageTime(string Name, double ForwardMs, double BackwardMs);
