namespace Nabla.Distributed;

/// <summary>
/// The collective operations data-parallel training needs, over all ranks of one job. An interface so that other
/// transports (NCCL or CUDA-aware MPI for GPU ranks) are an addition, not a rewrite.
/// Every rank must call the same collectives in the same order with the same lengths.
/// </summary>
public interface ICommunicator : IDisposable
{
    /// <summary>This process's rank, 0 to <see cref="Size"/> - 1.</summary>
    int Rank { get; }

    /// <summary>The number of ranks in the job.</summary>
    int Size { get; }

    /// <summary>What carries the messages, for the log (e.g. "Open MPI 4.1.4", "single process").</summary>
    string Description { get; }

    /// <summary>Replaces every element by its sum over all ranks.</summary>
    void AllReduceSum(Span<float> values);

    /// <summary>Replaces every element by its sum over all ranks.</summary>
    void AllReduceSum(Span<double> values);

    /// <summary>Copies <paramref name="values"/> of rank <paramref name="root"/> into every rank's.</summary>
    void Broadcast(Span<float> values, int root);

    /// <summary>Copies <paramref name="values"/> of rank <paramref name="root"/> into every rank's.</summary>
    void Broadcast(Span<double> values, int root);

    /// <summary>Every rank's <paramref name="value"/>, indexed by rank, on every rank.</summary>
    long[] AllGather(long value);

    /// <summary>Returns when every rank has called it.</summary>
    void Barrier();

    /// <summary>Stops every rank of the job with exit code <paramref name="code"/>; never returns.</summary>
    void Abort(int code);
}
