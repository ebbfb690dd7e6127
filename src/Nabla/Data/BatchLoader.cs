using System.Collections;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// What <see cref="DataLoader"/> and <see cref="SeqDataLoader"/> share: the dataset and batch size, the epoch's
/// iteration count, the device batches are moved to, and the loop that hands out one epoch's batches.
/// <typeparamref name="TSelf"/> is the loader itself, so that <see cref="To"/> returns it.
/// </summary>
public abstract class BatchLoader<TSelf> : IEnumerable<(Tensor x, Tensor t)> where TSelf : BatchLoader<TSelf>
{
    /// <summary>Checks and keeps the arguments every loader takes; <paramref name="name"/> names the loader in errors.</summary>
    private protected BatchLoader(string name, Dataset dataset, int batchSize, Device? device)
    {
        Device = device ?? Device.Cpu;
        ArgumentNullException.ThrowIfNull(dataset);
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), $"{name}: batch size must be positive, got {batchSize}");
        Dataset = dataset;
        BatchSize = batchSize;
    }

    /// <summary>The dataset the batches come from (for <see cref="SeqDataLoader"/>, the time series).</summary>
    public Dataset Dataset { get; }

    /// <summary>Examples per batch (<see cref="DataLoader"/>'s last one may hold fewer; <see cref="SeqDataLoader"/>'s parallel streams).</summary>
    public int BatchSize { get; }

    /// <summary>Batches per epoch (DeZero's <c>max_iter</c>).</summary>
    public abstract int BatchCount { get; }

    /// <summary>Batches handed out so far in the current epoch (DeZero's <c>iteration</c>).</summary>
    public int Iteration { get; private protected set; }

    /// <summary>Starts a new epoch, with <see cref="Iteration"/> back to 0.</summary>
    public abstract void Reset();

    /// <summary>Called before an epoch's first batch: starts the epoch afresh where the loader needs it.</summary>
    private protected abstract void BeginEpoch();

    /// <summary>The batch of <paramref name="iteration"/> in the current epoch, on the CPU.</summary>
    private protected abstract (Tensor x, Tensor t) Batch(int iteration);

    /// <summary>The batches of one epoch; a new pass starts a new epoch.</summary>
    public IEnumerator<(Tensor x, Tensor t)> GetEnumerator()
    {
        BeginEpoch();
        int count = BatchCount;
        while (Iteration < count)
        {
            var batch = Batch(Iteration);
            Iteration++;
            yield return (batch.x.To(Device), batch.t.To(Device));
        }
        // As DeZero does at the end of an epoch, so the next pass has its order ready.
        Reset();
    }

    /// <summary>The device each batch is moved to before it is handed out (the CPU unless set).</summary>
    public Device Device { get; set; } = Device.Cpu;

    /// <summary>Hands out batches on <paramref name="device"/> from now on (DeZero's <c>to_gpu()</c>); returns this loader.</summary>
    public TSelf To(Device device)
    {
        Device = device;
        return (TSelf)this;
    }

    /// <summary>DeZero's <c>to_gpu()</c>: batches on the first CUDA GPU.</summary>
    public TSelf ToGpu() => To(Device.Cuda(0));

    /// <summary>DeZero's <c>to_cpu()</c>: batches on the host.</summary>
    public TSelf ToCpu() => To(Device.Cpu);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
