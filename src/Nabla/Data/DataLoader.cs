using System.Collections;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Mini-batches <c>(x, t)</c> of a dataset (DeZero's DataLoader). Each <c>foreach</c> over the loader is one epoch;
/// with <see cref="Shuffle"/> every epoch visits the examples in a new order drawn from the seeded generator, so
/// the same seed gives the same batches. The last batch is smaller when the batch size does not divide the
/// dataset, unless <see cref="DropLast"/> is set.
/// </summary>
public sealed class DataLoader : IEnumerable<(Tensor x, Tensor t)>
{
    private readonly Generator generator;
    private int[] order = [];

    /// <summary>Batches of <paramref name="batchSize"/> examples; <paramref name="generator"/> (seed 0 when null) drives the shuffling; batches are moved to <paramref name="device"/> (the CPU when null).</summary>
    public DataLoader(Dataset dataset, int batchSize, bool shuffle = true, Generator? generator = null, bool dropLast = false, Device? device = null)
    {
        Device = device ?? Device.Cpu;
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"DataLoader: batch size must be positive, got {batchSize}");
        Dataset = dataset;
        BatchSize = batchSize;
        Shuffle = shuffle;
        DropLast = dropLast;
        this.generator = generator ?? new Generator(0);
        Reset();
    }

    /// <summary>The dataset the batches come from.</summary>
    public Dataset Dataset { get; }

    /// <summary>Examples per batch (the last one may hold fewer).</summary>
    public int BatchSize { get; }

    /// <summary>Whether each epoch uses a new random order.</summary>
    public bool Shuffle { get; }

    /// <summary>Whether a last, incomplete batch is left out.</summary>
    public bool DropLast { get; }

    /// <summary>Batches per epoch (DeZero's <c>max_iter</c>).</summary>
    public int BatchCount => DropLast ? Dataset.Count / BatchSize : (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Batches handed out so far in the current epoch (DeZero's <c>iteration</c>).</summary>
    public int Iteration { get; private set; }

    /// <summary>Starts a new epoch: a new order when shuffling, and <see cref="Iteration"/> back to 0.</summary>
    public void Reset()
    {
        int n = Dataset.Count;
        order = Shuffle ? generator.Permutation(n) : Enumerable.Range(0, n).ToArray();
        Iteration = 0;
    }

    /// <summary>The batches of one epoch. A pass that stopped early is abandoned: the next one starts a new epoch.</summary>
    public IEnumerator<(Tensor x, Tensor t)> GetEnumerator()
    {
        if (Iteration != 0) Reset();
        int count = BatchCount;
        while (Iteration < count)
        {
            int start = Iteration * BatchSize;
            var batch = Dataset.GetBatch(order.AsSpan(start, Math.Min(BatchSize, order.Length - start)));
            Iteration++;
            yield return (batch.x.To(Device), batch.t.To(Device));
        }
        // As DeZero does at the end of an epoch, so the next pass has its order ready.
        Reset();
    }

    /// <summary>The device each batch is moved to before it is handed out (the CPU unless set).</summary>
    public Device Device { get; set; } = Device.Cpu;

    /// <summary>Hands out batches on <paramref name="device"/> from now on (DeZero's <c>to_gpu()</c>); returns this loader.</summary>
    public DataLoader To(Device device)
    {
        Device = device;
        return this;
    }

    /// <summary>DeZero's <c>to_gpu()</c>: batches on the first CUDA GPU.</summary>
    public DataLoader ToGpu() => To(Device.Cuda(0));

    /// <summary>DeZero's <c>to_cpu()</c>: batches on the host.</summary>
    public DataLoader ToCpu() => To(Device.Cpu);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
