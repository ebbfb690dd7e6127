using Nabla.Tensors;
using TorchSharp;

namespace Nabla.Bench.Harness;

/// <summary>
/// Thread counts of both systems: TorchSharp's <c>torch.set_num_threads</c> and Nabla's
/// <see cref="Parallelism.MaxThreads"/> (GEMM, convolution and pooling kernels).
/// </summary>
internal static class Threads
{
    /// <summary>Sets both systems to <paramref name="count"/> threads (null: leave each at its default).</summary>
    public static void Set(int? count)
    {
        if (count is null) return;
        if (count < 1) throw new ArgumentException($"--threads: needs a positive count, got {count}");
        torch.set_num_threads(count.Value);
        Parallelism.MaxThreads = count.Value;
    }

    /// <summary>Nabla's thread bound as now set.</summary>
    public static string Nabla => $"{Parallelism.MaxThreads} (GEMM, conv, pooling, and elementwise runs of 131,072 elements or more)";

    /// <summary>TorchSharp's intra-op thread count as now set.</summary>
    public static string Torch => $"{torch.get_num_threads()} (intra-op)";
}
