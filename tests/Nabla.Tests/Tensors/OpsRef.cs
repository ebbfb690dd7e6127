using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Reference helpers for the elementwise, broadcasting, reduction and matmul tests: tensors from literals,
/// a scalar reference loop that reads operands element by element through <see cref="Tensor.GetDouble"/>
/// (so it sees strides and broadcasting the way NumPy defines them, not the way the kernels walk them),
/// and assertions that treat NaN and infinities exactly.
/// </summary>
internal static class OpsRef
{
    // With no shape the values form a 1-D tensor (a 0-d one comes from Tensor.Scalar).
    public static Tensor F64(double[] values, params int[] shape) => Tensor.FromSpan<double>(values, shape.Length == 0 ? [values.Length] : shape);
    public static Tensor F32(float[] values, params int[] shape) => Tensor.FromSpan<float>(values, shape.Length == 0 ? [values.Length] : shape);
    public static Tensor I32(int[] values, params int[] shape) => Tensor.FromSpan<int>(values, shape.Length == 0 ? [values.Length] : shape);
    public static Tensor I64(long[] values, params int[] shape) => Tensor.FromSpan<long>(values, shape.Length == 0 ? [values.Length] : shape);
    public static Tensor B(bool[] values, params int[] shape) => Tensor.FromSpan<bool>(values, shape.Length == 0 ? [values.Length] : shape);

    /// <summary>Every multi-index of <paramref name="shape"/> in row-major order (one empty index for a 0-d shape).</summary>
    public static IEnumerable<int[]> Indices(int[] shape)
    {
        foreach (int d in shape)
            if (d == 0) yield break;
        var index = new int[shape.Length];
        while (true)
        {
            yield return (int[])index.Clone();
            int k = shape.Length - 1;
            while (k >= 0)
            {
                if (++index[k] < shape[k]) break;
                index[k] = 0;
                k--;
            }
            if (k < 0) yield break;
        }
    }

    /// <summary>NumPy's broadcast of two shapes, worked out independently of the library.</summary>
    public static int[] BroadcastShape(int[] a, int[] b)
    {
        int n = Math.Max(a.Length, b.Length);
        var r = new int[n];
        for (int i = 0; i < n; i++)
        {
            int da = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            int db = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (da != db && da != 1 && db != 1) throw new InvalidOperationException("test bug: shapes do not broadcast");
            r[i] = da == 1 ? db : da;
        }
        return r;
    }

    /// <summary>The index into an operand of <paramref name="shape"/> that broadcasting reads for output index <paramref name="outIndex"/>.</summary>
    public static int[] Project(int[] outIndex, int[] shape)
    {
        var r = new int[shape.Length];
        int lead = outIndex.Length - shape.Length;
        for (int i = 0; i < shape.Length; i++) r[i] = shape[i] == 1 ? 0 : outIndex[lead + i];
        return r;
    }

    /// <summary>The reference result of a binary elementwise op: (shape, values in row-major order).</summary>
    public static (int[] Shape, double[] Values) Binary(Tensor a, Tensor b, Func<double, double, double> f)
    {
        var shape = BroadcastShape(a.Shape, b.Shape);
        var values = Indices(shape).Select(i => f(a.GetDouble(Project(i, a.Shape)), b.GetDouble(Project(i, b.Shape)))).ToArray();
        return (shape, values);
    }

    /// <summary>The values of a tensor read element by element through its strides.</summary>
    public static double[] Values(Tensor t) => Indices(t.Shape).Select(i => t.GetDouble(i)).ToArray();

    /// <summary>Asserts shape and values; NaN must meet NaN, infinities must match exactly, the rest within atol + rtol·|expected|.</summary>
    public static void Close(int[] shape, double[] expected, Tensor actual, double rtol = 1e-12, double atol = 1e-12)
    {
        Assert.Equal(shape, actual.Shape);
        var got = Values(actual);
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], g = got[i];
            if (double.IsNaN(e)) { Assert.True(double.IsNaN(g), $"element {i}: expected NaN, got {g}"); continue; }
            if (double.IsInfinity(e)) { Assert.True(e == g, $"element {i}: expected {e}, got {g}"); continue; }
            Assert.True(Math.Abs(g - e) <= atol + rtol * Math.Abs(e), $"element {i}: expected {e}, got {g}");
        }
    }

    public static void Close(double[] expected, Tensor actual, double rtol = 1e-12, double atol = 1e-12) =>
        Close(expected.Length == 1 && actual.NDim == 0 ? [] : [expected.Length], expected, actual, rtol, atol);

    /// <summary>Asserts dtype, shape and exact values.</summary>
    public static void Exact(DType dtype, int[] shape, double[] expected, Tensor actual)
    {
        Assert.Equal(dtype, actual.DType);
        Assert.Equal(shape, actual.Shape);
        Assert.Equal(expected, Values(actual));
    }

    public static void Bools(bool[] expected, Tensor actual)
    {
        Assert.Equal(DType.Bool, actual.DType);
        Assert.Equal(expected, Values(actual).Select(v => v != 0).ToArray());
    }

    /// <summary>Random values of <paramref name="dtype"/> (small integers for integer dtypes, so products stay exact).</summary>
    public static Tensor Random(Generator rng, DType dtype, params int[] shape) => dtype switch
    {
        DType.Float32 or DType.Float64 => Tensor.Randn(rng, dtype, shape),
        DType.Bool => Tensor.RandInt(rng, 0, 2, shape, DType.Int32).AsType(DType.Bool),
        _ => Tensor.RandInt(rng, -5, 6, shape, dtype),
    };

    /// <summary>
    /// A random tensor of <paramref name="shape"/> laid out as <paramref name="layout"/>: "contiguous", "transposed"
    /// (a reversed-axes view), "stepped" (every second row), "reversed" (negative step), "broadcast" (stride 0 on axis 0)
    /// or "offset" (a contiguous window that starts inside its storage).
    /// </summary>
    public static Tensor Laid(Generator rng, DType dtype, string layout, params int[] shape)
    {
        if (shape.Length == 0) return Random(rng, dtype, shape);
        Tensor t;
        switch (layout)
        {
            case "contiguous":
                return Random(rng, dtype, shape);
            case "transposed":
                t = Random(rng, dtype, shape.Reverse().ToArray()).T;
                break;
            case "stepped":
            {
                var big = (int[])shape.Clone();
                big[0] = 2 * shape[0];
                t = Random(rng, dtype, big)[new Slice(null, null, 2)];
                break;
            }
            case "reversed":
                t = Random(rng, dtype, shape)[new Slice(null, null, -1)];
                break;
            case "broadcast":
            {
                var one = (int[])shape.Clone();
                one[0] = 1;
                t = Random(rng, dtype, one).BroadcastTo(shape);
                break;
            }
            case "offset":
            {
                var big = (int[])shape.Clone();
                big[0] = shape[0] + 1;
                t = Random(rng, dtype, big)[new Slice(1, null)];
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(layout));
        }
        Assert.Equal(shape, t.Shape);
        return t;
    }

    public static readonly string[] Layouts = ["contiguous", "transposed", "stepped", "reversed", "broadcast", "offset"];
}
