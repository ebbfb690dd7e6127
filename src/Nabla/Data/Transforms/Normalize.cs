using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// <c>(x - mean) / std</c>, with one mean and std for all values or one per channel (axis 0 of an example,
/// as in DeZero and torchvision). Integer input gives Float32; float input keeps its dtype.
/// </summary>
public sealed class Normalize : Transform
{
    private readonly double[] mean;
    private readonly double[] std;

    /// <summary>One mean and standard deviation for every value.</summary>
    public Normalize(double mean = 0, double std = 1) : this([mean], [std])
    {
    }

    /// <summary>One mean and standard deviation per channel (arrays of length 1 apply to every value).</summary>
    public Normalize(double[] mean, double[] std)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        if (mean.Length == 0 || mean.Length != std.Length)
            throw new ArgumentException($"Normalize: mean and std need the same non-zero length, got {mean.Length} and {std.Length}");
        foreach (double s in std)
            if (s == 0 || !double.IsFinite(s)) throw new ArgumentException($"Normalize: std must be finite and non-zero, got {s}");
        this.mean = (double[])mean.Clone();
        this.std = (double[])std.Clone();
    }

    /// <summary>The means (one, or one per channel).</summary>
    public IReadOnlyList<double> Mean => mean;

    /// <summary>The standard deviations (one, or one per channel).</summary>
    public IReadOnlyList<double> Std => std;

    /// <inheritdoc/>
    public override Tensor Apply(Tensor x) => Run(x, channelAxis: 0, "Apply");

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch) => Run(batch, channelAxis: 1, "ApplyBatch");

    private Tensor Run(Tensor x, int channelAxis, string op)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (mean.Length == 1) return (x - mean[0]) / std[0];
        if (x.NDim <= channelAxis || x.Dim(channelAxis) != mean.Length)
            throw new ArgumentException($"Normalize.{op}: {mean.Length} channel means need axis {channelAxis} of length {mean.Length}, got shape {x.ShapeString}");
        // Shape (C, 1, 1, ...) after the channel axis, so it broadcasts over the rest of the example.
        var shape = Enumerable.Repeat(1, x.NDim - channelAxis).ToArray();
        shape[0] = mean.Length;
        var dtype = x.DType.ToFloat();
        var m = Tensor.FromSpan<double>(mean, shape).AsType(dtype);
        var s = Tensor.FromSpan<double>(std, shape).AsType(dtype);
        return (x.AsType(dtype) - m) / s;
    }
}
