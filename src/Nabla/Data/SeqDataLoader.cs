using System.Collections;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Batches for truncated backpropagation through time (DeZero's SeqDataLoader): the series is cut into
/// <see cref="BatchSize"/> parallel streams starting <c>Count / BatchSize</c> steps apart, and iteration
/// <c>i</c> returns element <c>i</c> of every stream, so consecutive batches are consecutive time steps.
/// Never shuffled.
/// </summary>
public sealed class SeqDataLoader : IEnumerable<(Tensor x, Tensor t)>
{
    /// <summary>Batches of <paramref name="batchSize"/> parallel streams over <paramref name="dataset"/>, moved to <paramref name="device"/> (the CPU when null).</summary>
    public SeqDataLoader(Dataset dataset, int batchSize, Device? device = null)
    {
        Device = device ?? Device.Cpu;
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"SeqDataLoader: batch size must be positive, got {batchSize}");
        Dataset = dataset;
        BatchSize = batchSize;
    }

    /// <summary>The time series.</summary>
    public Dataset Dataset { get; }

    /// <summary>The number of parallel streams (every batch has exactly this many examples).</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch: <c>ceil(Count / BatchSize)</c>, as DeZero's <c>max_iter</c>.</summary>
    public int BatchCount => (Dataset.Count + BatchSize - 1) / BatchSize;

    /// <summary>Batches handed out so far in the current epoch.</summary>
    public int Iteration { get; private set; }

    /// <summary>Goes back to the first time step.</summary>
    public void Reset() => Iteration = 0;

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

    /// <summary>The batches of one epoch; a new pass starts again at the first time step.</summary>
    public IEnumerator<(Tensor x, Tensor t)> GetEnumerator()
    {
        Reset();
        int count = BatchCount;
        while (Iteration < count)
        {
            var batch = Dataset.GetBatch(Indices(Iteration));
            Iteration++;
            yield return (batch.x.To(Device), batch.t.To(Device));
        }
        Reset();
    }

    /// <summary>The device each batch is moved to before it is handed out (the CPU unless set).</summary>
    public Device Device { get; set; } = Device.Cpu;

    /// <summary>Hands out batches on <paramref name="device"/> from now on (DeZero's <c>to_gpu()</c>); returns this loader.</summary>
    public SeqDataLoader To(Device device)
    {
        Device = device;
        return this;
    }

    /// <summary>DeZero's <c>to_gpu()</c>: batches on the first CUDA GPU.</summary>
    public SeqDataLoader ToGpu() => To(Device.Cuda(0));

    /// <summary>DeZero's <c>to_cpu()</c>: batches on the host.</summary>
    public SeqDataLoader ToCpu() => To(Device.Cpu);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
