using System.Globalization;

namespace Nabla.Bench.Harness;

/// <summary>
/// Managed allocation and garbage collections during Nabla's timed runs only (TorchSharp allocates natively,
/// so its managed figures say nothing). Allocation is the usual suspect when Nabla's times scatter.
/// </summary>
internal sealed class ManagedMemory
{
    private long bytes;
    private readonly int[] collections = new int[3];
    private long startBytes;
    private readonly int[] startCollections = new int[3];

    public void Resume()
    {
        startBytes = GC.GetTotalAllocatedBytes(precise: false);
        for (int g = 0; g < 3; g++) startCollections[g] = GC.CollectionCount(g);
    }

    public void Pause()
    {
        bytes += GC.GetTotalAllocatedBytes(precise: false) - startBytes;
        for (int g = 0; g < 3; g++) collections[g] += GC.CollectionCount(g) - startCollections[g];
    }

    /// <summary>"12.3 MB/rep, GC 40/2/1": allocation per repetition and gen0/gen1/gen2 collections in all.</summary>
    public string Summary(int reps) =>
        string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6 / reps:0.0} MB/rep, GC {collections[0]}/{collections[1]}/{collections[2]}");
}
