using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// DeZero's SinCurve time series: 1000 points of <c>linspace(0, 2π)</c>; training uses <c>sin(x)</c> plus uniform
/// noise in [-0.05, 0.05), testing uses <c>cos(x)</c> without noise. Each example is a value and the next one:
/// data = y[:-1] and labels = y[1:], both (999, 1), Float64 like DeZero. With <c>numpyCompatible</c> the noise is
/// NumPy's <c>np.random.seed(seed); np.random.uniform(-0.05, 0.05, 1000)</c> (DeZero itself does not seed).
/// </summary>
public sealed class SinCurve : TensorDataset
{
    /// <summary>The number of points of the curve (one more than the number of examples).</summary>
    public const int NumData = 1000;

    /// <summary>The training (noisy sine, noise from <paramref name="seed"/>, NumPy's stream when <paramref name="numpyCompatible"/>) or test (cosine) series.</summary>
    public SinCurve(bool train = true, long seed = 0, DType dtype = DType.Float64, bool numpyCompatible = false)
        : base(Generate(train, seed, dtype, numpyCompatible))
    {
        Train = train;
    }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    private static (Tensor, Tensor) Generate(bool train, long seed, DType dtype, bool numpyCompatible)
    {
        if (!dtype.IsFloat()) throw new ArgumentException($"SinCurve: dtype must be Float32 or Float64, got {dtype.Name()}");
        if (numpyCompatible && seed is < 0 or > uint.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "SinCurve: a NumPy seed must be in [0, 2^32)");
        var rng = numpyCompatible ? Generator.NumPy((uint)seed) : new Generator(seed);
        var x = Tensor.Linspace(0, 2 * Math.PI, NumData, dtype: DType.Float64).ToArray<double>();
        var y = new double[NumData];
        for (int i = 0; i < NumData; i++)
            y[i] = train ? Math.Sin(x[i]) + (-0.05 + 0.1 * rng.NextDouble()) : Math.Cos(x[i]);
        var series = Tensor.FromSpan<double>(y, NumData, 1).AsType(dtype);
        return (series[..^1].Copy(), series[1..].Copy());
    }
}
