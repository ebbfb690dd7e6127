using System.Diagnostics;
using System.Globalization;
using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Distributed;

/// <summary>
/// Data-parallel training of one model on every rank of a job: <see cref="Start"/> checks that every rank built the
/// same model and copies rank 0's weights to all; <see cref="AverageGradients"/> after each <c>Backward</c> makes every
/// rank's gradient the mean over the global batch, in buckets of several parameters per allreduce. The optimizer then
/// runs locally on identical weights and gradients, so its state stays identical on every rank without messages.
/// Layer state that is not a parameter (BatchNorm's running statistics) stays per rank.
/// A collective that does not finish within <see cref="Timeout"/> (a dead or stuck rank), or a mismatched model,
/// stops every rank through <see cref="ICommunicator.Abort"/> after one message naming the rank and the reason.
/// </summary>
public sealed class DistributedDataParallel
{
    private readonly (string Name, Parameter Parameter)[] parameters;
    private readonly int bucketElements;
    private readonly Stopwatch reduceClock = new();
    private readonly TextWriter log;

    /// <summary>Wraps <paramref name="model"/> (already built, so its parameters exist) for the job of <paramref name="communicator"/>.</summary>
    /// <param name="model">The model every rank trains.</param>
    /// <param name="communicator">The job's ranks.</param>
    /// <param name="timeout">The longest any collective may take before the job is aborted; 60 s when null.</param>
    /// <param name="bucketElements">Gradient elements per allreduce (1M floats, 4 MB, by default).</param>
    /// <param name="log">Where the reason for an abort is written; standard error by default.</param>
    public DistributedDataParallel(Model model, ICommunicator communicator, TimeSpan? timeout = null, int bucketElements = 1 << 20, TextWriter? log = null)
    {
        this.log = log ?? Console.Error;
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(communicator);
        if (bucketElements < 1) throw new ArgumentOutOfRangeException(nameof(bucketElements), bucketElements, "DistributedDataParallel: a bucket needs at least one element");
        Communicator = communicator;
        Timeout = timeout ?? TimeSpan.FromSeconds(60);
        if (Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "DistributedDataParallel: the timeout must be positive");
        this.bucketElements = bucketElements;
        parameters = model.NamedParameters().ToArray();
        foreach (var (name, p) in parameters)
            if (p.Data.DType != DType.Float32)
                throw new ArgumentException($"DistributedDataParallel: parameter '{name}' is {p.Data.DType}; only float32 parameters are averaged (the messages carry float32)", nameof(model));
        Sampler = new DistributedSampler(communicator.Rank, communicator.Size);
    }

    /// <summary>The job's ranks.</summary>
    public ICommunicator Communicator { get; }

    /// <summary>Which examples of each global batch this rank trains on.</summary>
    public DistributedSampler Sampler { get; }

    /// <summary>The longest a collective may wait for the other ranks before every rank is stopped.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True on rank 0, the one that writes files and prints.</summary>
    public bool IsWriter => Communicator.Rank == 0;

    /// <summary>Gradient values summed per step by <see cref="AverageGradients"/> (the allreduce payload is this times the element size).</summary>
    public long GradientElements => parameters.Sum(item => (long)item.Parameter.Size);

    /// <summary>Bytes each rank contributes to the allreduces of one step.</summary>
    public long GradientBytes => GradientElements * sizeof(float);

    /// <summary>Allreduce calls per step (buckets).</summary>
    public int BucketCount => Buckets().Count();

    /// <summary>Time spent in gradient allreduces since the last <see cref="ResetTiming"/>.</summary>
    public TimeSpan ReduceTime => reduceClock.Elapsed;

    /// <summary>Restarts <see cref="ReduceTime"/>.</summary>
    public void ResetTiming() => reduceClock.Reset();

    /// <summary>
    /// Checks that every rank has the same parameter names, shapes and dtypes (the job is aborted if not), then copies
    /// rank 0's parameter values to every rank.
    /// </summary>
    public void Start()
    {
        var description = Describe();
        long mine = ModelHash();
        var all = Guarded("the start-up check of the model (the first collective)", () => Communicator.AllGather(mine));
        var differing = Enumerable.Range(0, all.Length).Where(r => all[r] != all[0]).ToArray();
        if (differing.Length > 0)
            Fail($"the model differs between ranks (parameter names, shapes or dtypes): rank(s) {string.Join(", ", differing)} differ from rank 0; " +
                 $"this rank has {parameters.Length} parameters: {Shorten(description)}");
        foreach (var bucket in Buckets())
            Guarded("the broadcast of rank 0's parameters", () => { Transfer(bucket, p => p.Data, (p, t) => p.Data = t, values => BroadcastFrom0(values)); return 0; });
    }

    /// <summary>
    /// Replaces every rank's gradients by their weighted sum over ranks: each rank's gradient is first multiplied by
    /// <paramref name="weight"/> (its share of the global batch, local examples / global examples), so the result is
    /// the gradient of the mean loss over the global batch whatever the split. A parameter without a gradient counts as zero.
    /// </summary>
    public void AverageGradients(double weight)
    {
        if (Communicator.Size == 1 && weight == 1) return; // already the mean; spares the copies
        reduceClock.Start();
        try
        {
            foreach (var bucket in Buckets())
                Guarded("a gradient allreduce", () =>
                {
                    Transfer(bucket, p => p.Grad?.Data, (p, t) => p.Grad = new Variable(t), values => Scale(values, weight, Communicator.AllReduceSum));
                    return 0;
                });
        }
        finally
        {
            reduceClock.Stop();
        }
    }

    /// <summary>Replaces each value by its sum over ranks (metrics: loss sums, correct counts, example counts).</summary>
    public void Sum(Span<double> values)
    {
        var copy = values.ToArray();
        Guarded("the reduction of the metrics", () => { Communicator.AllReduceSum(copy); return 0; });
        copy.CopyTo(values);
    }

    /// <summary>
    /// A hash of every parameter's bits, checked to be the same on every rank (the job is aborted if not); returns it.
    /// </summary>
    public long CheckParametersIdentical()
    {
        long mine = ParameterHash();
        var all = Guarded("the check that parameters are identical on every rank", () => Communicator.AllGather(mine));
        var differing = Enumerable.Range(0, all.Length).Where(r => all[r] != all[0]).ToArray();
        if (differing.Length > 0)
            Fail($"the parameters have diverged: rank(s) {string.Join(", ", differing)} differ from rank 0 (hash {all[0]:x16})");
        return mine;
    }

    /// <summary>A 64-bit FNV-1a hash of the bits of every parameter, in order.</summary>
    public long ParameterHash()
    {
        ulong hash = 14695981039346656037UL;
        foreach (var (_, p) in parameters)
        {
            foreach (float v in p.Data.ToArray<float>())
                hash = (hash ^ (uint)BitConverter.SingleToInt32Bits(v)) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    /// <summary>Logs why on standard error, naming this rank, and stops every rank of the job; never returns.</summary>
    public void Fail(string reason)
    {
        log.WriteLine($"nabla distributed: rank {Communicator.Rank} of {Communicator.Size}: {reason}; stopping every rank (MPI_Abort)");
        log.Flush();
        Communicator.Abort(1);
    }

    /// <summary>Runs one collective; aborts the job if it has not returned within <see cref="Timeout"/>.</summary>
    private T Guarded<T>(string what, Func<T> collective)
    {
        using var watchdog = new Timer(_ => Fail(string.Create(CultureInfo.InvariantCulture,
            $"{what} did not complete within {Timeout.TotalSeconds:G} s: another rank has died, hangs or runs a different program")),
            null, Timeout, System.Threading.Timeout.InfiniteTimeSpan);
        return collective();
    }

    private void BroadcastFrom0(float[] values) => Communicator.Broadcast(values, 0);

    private static void Scale(float[] values, double weight, Action<Span<float>> reduce)
    {
        float w = (float)weight;
        for (int i = 0; i < values.Length; i++) values[i] *= w;
        reduce(values);
    }

    /// <summary>
    /// Packs one tensor of each parameter of <paramref name="bucket"/> into one buffer (float32),
    /// lets <paramref name="collective"/> work on it, and stores the result back, in each parameter's dtype and device.
    /// </summary>
    private static void Transfer((string Name, Parameter Parameter)[] bucket, Func<Parameter, Tensor?> read, Action<Parameter, Tensor> write, Action<float[]> collective)
    {
        int total = bucket.Sum(item => item.Parameter.Size);
        var buffer = new float[total];
        int offset = 0;
        foreach (var (_, p) in bucket)
        {
            var t = read(p);
            if (t is not null) t.AsType(DType.Float32).ToArray<float>().CopyTo(buffer, offset);
            offset += p.Size;
        }
        collective(buffer);
        offset = 0;
        foreach (var (_, p) in bucket)
        {
            var t = Tensor.FromArray(buffer.AsSpan(offset, p.Size).ToArray()).Reshape(p.Data.Shape).AsType(p.Data.DType).To(p.Data.Device);
            write(p, t);
            offset += p.Size;
        }
    }

    /// <summary>Consecutive parameters grouped so each group has at most <c>bucketElements</c> values (or one parameter).</summary>
    private IEnumerable<(string Name, Parameter Parameter)[]> Buckets()
    {
        var bucket = new List<(string, Parameter)>();
        long size = 0;
        foreach (var item in parameters)
        {
            if (bucket.Count > 0 && size + item.Parameter.Size > bucketElements)
            {
                yield return bucket.ToArray();
                bucket.Clear();
                size = 0;
            }
            bucket.Add(item);
            size += item.Parameter.Size;
        }
        if (bucket.Count > 0) yield return bucket.ToArray();
    }

    /// <summary>A hash of the parameter names, shapes and dtypes, which every rank's must equal.</summary>
    internal long ModelHash() => Fnv(Describe());

    private string Describe() => string.Join("; ", parameters.Select(item =>
        $"{item.Name} {item.Parameter.Data.DType} [{string.Join(", ", item.Parameter.Data.Shape)}]"));

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..400] + " ...";

    private static long Fnv(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in text) hash = (hash ^ c) * 1099511628211UL;
        return unchecked((long)hash);
    }
}
