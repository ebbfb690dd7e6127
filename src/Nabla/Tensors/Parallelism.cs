namespace Nabla.Tensors;

/// <summary>How many threads Nabla's parallel kernels (GEMM, convolution) may use; all logical processors by default.</summary>
public static class Parallelism
{
    private static int maxThreads = Environment.ProcessorCount;

    /// <summary>The thread limit, at least 1 (<c>nabla train --threads</c> sets it).</summary>
    public static int MaxThreads
    {
        get => maxThreads;
        set => maxThreads = value >= 1 ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "Parallelism.MaxThreads: must be at least 1");
    }
}
