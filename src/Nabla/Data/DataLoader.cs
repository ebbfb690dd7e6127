using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Mini-batches <c>(x, t)</c> of a dataset (DeZero's DataLoader). Each <c>foreach</c> over the loader is one epoch;
/// with <see cref="Shuffle"/> every epoch visits the examples in a new order drawn from the seeded generator, so
/// the same seed gives the same batches. The last batch is smaller when the batch size does not divide the
/// dataset, unless <see cref="DropLast"/> is set.
/// </summary>
public sealed class DataLoader : BatchLoader<DataLoader>
{
    private readonly Generator generator;
    private int[] order = [];

    /// <summary>Batches of <paramref name="batchSize"/> examples; <paramref name="generator"/> (seed 0 when null) drives the shuffling; batches are moved to <paramref name="device"/> (the CPU when null).</summary>
    public DataLoader(Dataset dataset, int batchSize, bool shuffle = true, Generator? generator = null, bool dropLast = false, Device? device = null)
        : base(nameof(DataLoader), dataset, batchSize, device)
    {
        Shuffle = shuffle;
        DropLast = dropLast;
        this.generator = generator ?? new Generator(0);
        Reset();
    }

    /// <summary>Whether each epoch uses a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a last, incomplete batch is left out.</summary>
    public bool DropLast { get; }

    /// <inheritdoc/>
    public override int BatchCount => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Starts a new epoch: a new order when shuffling, and <see cref="BatchLoader{TSelf}.Iteration"/> back to 0.</summary>
    public override void Reset()
    {
        int n = Dataset.Count;
        order = Shuffle ? generator.Permutation(n) : Enumerable.Range(0, n).ToArray();
        Iteration = 0;
    }

    /// <summary>A pass that stopped early is abandoned: the next one starts a new epoch.</summary>
    private protected override void BeginEpoch()
    {
        if (Iteration != 0) Reset();
    }

    private protected override (Tensor x, Tensor t) Batch(int iteration)
    {
        int start = iteration * BatchSize;
        return Dataset.GetBatch(order.AsSpan(start, Math.Min(BatchSize, order.Length - start)));
    }
}
