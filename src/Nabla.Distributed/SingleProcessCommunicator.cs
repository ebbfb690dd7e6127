namespace Nabla.Distributed;

/// <summary>The job of one rank: every collective is the identity. Used when a run is not started by mpirun.</summary>
public sealed class SingleProcessCommunicator : ICommunicator
{
    /// <inheritdoc/>
    public int Rank => 0;

    /// <inheritdoc/>
    public int Size => 1;

    /// <inheritdoc/>
    public string Description => "single process";

    /// <inheritdoc/>
    public void AllReduceSum(Span<float> values) { }

    /// <inheritdoc/>
    public void AllReduceSum(Span<double> values) { }

    /// <inheritdoc/>
    public void Broadcast(Span<float> values, int root) => CheckRoot(root);

    /// <inheritdoc/>
    public void Broadcast(Span<double> values, int root) => CheckRoot(root);

    /// <inheritdoc/>
    public long[] AllGather(long value) => [value];

    /// <inheritdoc/>
    public void Barrier() { }

    /// <inheritdoc/>
    public void Abort(int code) => Environment.Exit(code);

    /// <inheritdoc/>
    public void Dispose() { }

    private static void CheckRoot(int root)
    {
        if (root != 0) throw new ArgumentOutOfRangeException(nameof(root), root, "Broadcast: the root must be 0 in a job of one rank");
    }
}
