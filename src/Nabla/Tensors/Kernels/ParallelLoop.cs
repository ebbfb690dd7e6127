namespace Nabla.Tensors.Kernels;

/// <summary>Runs independent pieces of a kernel on the thread pool when there is enough work to pay for it.</summary>
internal static class ParallelLoop
{
    /// <summary>Below this many element operations in total, threads cost more than they save.</summary>
    public const long Threshold = 1 << 15;

    /// <summary>Calls <paramref name="body"/> for 0..count-1, in parallel when <paramref name="work"/> is large enough.</summary>
    public static void For(int count, long work, Action<int> body)
    {
        int threads = Nabla.Tensors.Parallelism.MaxThreads;
        if (count <= 1 || work < Threshold || threads == 1)
        {
            for (int i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
    }
}
