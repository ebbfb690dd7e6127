using System.Reflection;
using Nabla.Tensors;
using TorchSharp;

namespace Nabla.Bench.Harness;

/// <summary>
/// Thread counts of both systems. TorchSharp has <c>torch.set_num_threads</c>. Nabla's only multi-threaded
/// kernel is the GEMM, whose worker bound is internal (<c>Nabla.Tensors.Kernels.Gemm.MaxThreads</c>, default
/// <see cref="Environment.ProcessorCount"/>); the bench reaches it by reflection rather than widen the
/// library's public surface for a benchmark.
/// </summary>
internal static class Threads
{
    private static readonly PropertyInfo? NablaGemmThreads = typeof(Tensor).Assembly
        .GetType("Nabla.Tensors.Kernels.Gemm")?
        .GetProperty("MaxThreads", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public);

    /// <summary>Sets both systems to <paramref name="count"/> threads (null: leave each at its default).</summary>
    public static void Set(int? count)
    {
        if (count is null) return;
        if (count < 1) throw new ArgumentException($"--threads: needs a positive count, got {count}");
        torch.set_num_threads(count.Value);
        if (NablaGemmThreads is null)
            throw new InvalidOperationException("--threads: Nabla's Gemm.MaxThreads was not found; the library changed, update Threads.cs");
        NablaGemmThreads.SetValue(null, count.Value);
    }

    /// <summary>Nabla's GEMM thread bound as now set.</summary>
    public static string Nabla => NablaGemmThreads?.GetValue(null) is int n
        ? $"{n} (GEMM; other kernels run on the calling thread)"
        : $"{Environment.ProcessorCount} (default; Gemm.MaxThreads not found)";

    /// <summary>TorchSharp's intra-op thread count as now set.</summary>
    public static string Torch => $"{torch.get_num_threads()} (intra-op)";
}
