namespace Nabla.Distributed;

/// <summary>
/// Splits every global batch of an epoch's permutation (the same on every rank: same seed) into one contiguous part
/// per rank, so the ranks' shards are disjoint and their union is the single-process batch, step by step.
/// </summary>
public sealed class DistributedSampler
{
    /// <summary>A sampler for rank <paramref name="rank"/> of a job of <paramref name="size"/> ranks.</summary>
    public DistributedSampler(int rank, int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "DistributedSampler: the job needs at least one rank");
        if (rank < 0 || rank >= size) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"DistributedSampler: rank must be 0 to {size - 1}");
        Rank = rank;
        Size = size;
    }

    /// <summary>This rank.</summary>
    public int Rank { get; }

    /// <summary>The number of ranks.</summary>
    public int Size { get; }

    /// <summary>This rank's part of <paramref name="globalBatch"/>: the first <c>count % Size</c> ranks take one extra.</summary>
    public ReadOnlySpan<int> Shard(ReadOnlySpan<int> globalBatch)
    {
        var (start, count) = Range(globalBatch.Length);
        return globalBatch.Slice(start, count);
    }

    /// <summary>Where this rank's part of a global batch of <paramref name="count"/> examples starts, and its length.</summary>
    public (int Start, int Count) Range(int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, "DistributedSampler: a batch cannot have a negative size");
        int baseCount = count / Size, extra = count % Size;
        int start = Rank * baseCount + Math.Min(Rank, extra);
        return (start, baseCount + (Rank < extra ? 1 : 0));
    }
}
