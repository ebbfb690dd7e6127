using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Batches for truncated backpropagation through time (DeZero's SeqDataLoader): the series is cut into
/// <see cref="BatchLoader{TSelf}.BatchSize"/> parallel streams starting <c>Count / BatchSize</c> steps apart, and iteration
/// <c>i</c> returns element <c>i</c> of every stream, so consecutive batches are consecutive time steps.
/// Never shuffled.
/// </summary>
public sealed class SeqDataLoader : BatchLoader<SeqDataLoader>
{
    /// <summary>Batches of <paramref name="batchSize"/> parallel streams over <paramref name="dataset"/>, moved to <paramref name="device"/> (the CPU when null).</summary>
    public SeqDataLoader(Dataset dataset, int batchSize, Device? device = null)
        : base(nameof(SeqDataLoader), dataset, batchSize, device)
    {
    }

    /// <summary>Batches per epoch: <c>ceil(Count / BatchSize)</c>, as DeZero's <c>max_iter</c>.</summary>
    public override int BatchCount => (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Goes back to the first time step.</summary>
    public override void Reset() => Iteration = 0;

    /// <summary>The example indices of batch <paramref name="iteration"/>: <c>(k * jump + iteration) % Count</c> for each stream k.</summary>
    public int[] Indices(int iteration)
    {
        int n = Dataset.Count;
        if (n == 0) throw new InvalidOperationException("SeqDataLoader: the dataset is empty");
        int jump = n / BatchSize;
        var indices = new int[BatchSize];
        for (int k = 0; k < BatchSize; k++) indices[k] = (int)(((long)k * jump + iteration) % n);
        return indices;
    }

    /// <summary>A new pass always starts again at the first time step.</summary>
    private protected override void BeginEpoch() => Reset();

    private protected override (Tensor x, Tensor t) Batch(int iteration) => Dataset.GetBatch(Indices(iteration));
}
