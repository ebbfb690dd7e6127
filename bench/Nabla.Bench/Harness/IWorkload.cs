namespace Nabla.Bench.Harness;

/// <summary>
/// One benchmark of WORKLOADS.md: the same work done by Nabla and by TorchSharp. A workload makes one
/// <see cref="IContender"/> per system; the <see cref="Runner"/> warms both up, then times them interleaved
/// (Nabla, TorchSharp, Nabla, TorchSharp, ...) and reports medians. Adding a workload is one class
/// implementing this interface plus one line in <see cref="Registry"/>.
/// </summary>
internal interface IWorkload
{
    /// <summary>The id used in WORKLOADS.md and by <c>--only</c>, e.g. "W3".</summary>
    string Id { get; }

    /// <summary>The short name, e.g. "scalar-graph" (also accepted by <c>--only</c>).</summary>
    string Name { get; }

    /// <summary>What the figure measures and its unit, e.g. "µs / iteration".</summary>
    string Figure { get; }

    /// <summary>True for rates (GFLOP/s), false for times: decides which way the ratio reads.</summary>
    bool HigherIsBetter { get; }

    /// <summary>The work one repetition does, for the report, e.g. "10,000 iterations".</summary>
    string Describe(RunSettings settings);

    /// <summary>Timed repetitions per system (the figure is their median).</summary>
    int Repetitions(RunSettings settings);

    /// <summary>Untimed runs per system before the timed ones (JIT, caches, allocator).</summary>
    int Warmups(RunSettings settings) => 1;

    /// <summary>Relative tolerance when the two systems' <see cref="Sample.Checks"/> are compared.</summary>
    double CheckTolerance => 1e-9;

    /// <summary>Nabla's side.</summary>
    IContender CreateNabla(RunSettings settings);

    /// <summary>TorchSharp's side.</summary>
    IContender CreateTorch(RunSettings settings);
}
