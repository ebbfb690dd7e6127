using FsCheck.Xunit;
using Nabla.Tensors;
using static Nabla.Tests.Tensors.OpsRef;

namespace Nabla.Tests.Tensors;

/// <summary>
/// FsCheck properties over random shapes, layouts and dtypes. FsCheck supplies a seed; each property builds its
/// shapes and values from a <see cref="Generator"/> with that seed, so a failure prints a seed that reproduces it.
/// Integer-valued data keeps the arithmetic exact, so most properties compare with ==.
/// </summary>
public class TensorPropertyTests
{
    private static int Next(Generator rng, int low, int highInclusive) => (int)rng.NextInt64(low, highInclusive + 1);

    /// <summary>A random shape of rank 0..maxRank with dimensions 0..maxDim (0 only when allowed), 1 being common.</summary>
    private static int[] Shape(Generator rng, int maxRank, int maxDim, bool allowEmpty = false)
    {
        var s = new int[Next(rng, 0, maxRank)];
        for (int i = 0; i < s.Length; i++)
            s[i] = rng.NextDouble() < 0.3 ? 1 : Next(rng, allowEmpty && rng.NextDouble() < 0.1 ? 0 : 1, maxDim);
        return s;
    }

    /// <summary>A shape that <paramref name="shape"/> broadcasts to: maybe extra leading axes, and 1s grown.</summary>
    private static int[] Grown(Generator rng, int[] shape)
    {
        var lead = Enumerable.Range(0, Next(rng, 0, 2)).Select(_ => Next(rng, 1, 3));
        return lead.Concat(shape.Select(d => d == 1 ? Next(rng, 1, 3) : d)).ToArray();
    }

    /// <summary>Two shapes that broadcast together: each axis of the common shape is dropped to 1 in one of them at random.</summary>
    private static (int[] A, int[] B) Pair(Generator rng)
    {
        var common = Shape(rng, 4, 4, allowEmpty: true);
        int[] Side()
        {
            int drop = rng.NextDouble() < 0.3 ? Next(rng, 0, common.Length) : 0;
            return common.Skip(drop).Select(d => rng.NextDouble() < 0.3 ? 1 : d).ToArray();
        }
        return (Side(), Side());
    }

    /// <summary>Integer-valued data in a random layout (a contiguous tensor, a transposed copy, or a stepped slice).</summary>
    private static Tensor Data(Generator rng, DType dtype, int[] shape)
    {
        Tensor Values(int[] s) => dtype == DType.Bool
            ? Tensor.RandInt(rng, 0, 2, s, DType.Int32).AsType(DType.Bool)
            : Tensor.RandInt(rng, -9, 10, s, DType.Int64).AsType(dtype);
        switch (shape.Length == 0 ? 0 : Next(rng, 0, 2))
        {
            case 1:
                return Values(shape.Reverse().ToArray()).T;
            case 2:
                var big = (int[])shape.Clone();
                big[0] *= 2;
                return Values(big)[new Slice(null, null, 2)];
            default:
                return Values(shape);
        }
    }

    private static readonly DType[] Numeric = [DType.Float32, DType.Float64, DType.Int32, DType.Int64];

    [Property(MaxTest = 200)]
    public void SumToOfBroadcastTo_IsXTimesTheBroadcastFactor(int seed)
    {
        var rng = new Generator(seed);
        var shape = Shape(rng, 3, 3);
        var target = Grown(rng, shape);
        var dtype = Numeric[Next(rng, 0, 3)];
        var x = Data(rng, dtype, shape);
        var summed = x.BroadcastTo(target).SumTo(shape);
        int factor = ShapeSize(target) / Math.Max(ShapeSize(shape), 1);
        Assert.Equal(shape, summed.Shape);
        Assert.Equal(dtype, summed.DType);
        Assert.Equal(Values(x).Select(v => v * factor).ToArray(), Values(summed));
        // Through a contiguous copy of the broadcast, too.
        Assert.Equal(Values(summed), Values(x.BroadcastTo(target).Copy().SumTo(shape)));
    }

    [Property(MaxTest = 200)]
    public void AddAndMul_Commute(int seed)
    {
        var rng = new Generator(seed);
        var (sa, sb) = Pair(rng);
        var a = Data(rng, Numeric[Next(rng, 0, 3)], sa);
        var b = Data(rng, Numeric[Next(rng, 0, 3)], sb);
        var ab = a + b;
        var ba = b + a;
        Assert.Equal(ab.DType, ba.DType);
        Assert.Equal(ab.Shape, ba.Shape);
        Assert.Equal(Values(ab), Values(ba));
        Assert.Equal(Values(a * b), Values(b * a));
        Assert.Equal(BroadcastShape(sa, sb), ab.Shape);
    }

    [Property(MaxTest = 200)]
    public void Binary_MatchesReferenceLoop_OnRandomLayouts(int seed)
    {
        var rng = new Generator(seed);
        var (sa, sb) = Pair(rng);
        var a = Data(rng, Numeric[Next(rng, 0, 3)], sa);
        var b = Data(rng, Numeric[Next(rng, 0, 3)], sb);
        var (shape, sub) = Binary(a, b, (x, y) => x - y);
        Close(shape, sub, a - b, 0, 0);
        Close(shape, Binary(a, b, Math.Max).Values, Tensor.Maximum(a, b), 0, 0);
        Close(shape, Binary(a, b, (x, y) => x < y ? 1 : 0).Values, a < b, 0, 0);
        // The result does not depend on how the operands were laid out.
        Assert.Equal(Values(a * b), Values(a.Copy() * b.Copy()));
    }

    [Property(MaxTest = 200)]
    public void SumOfProduct_EqualsScalarLoop(int seed)
    {
        var rng = new Generator(seed);
        var (sa, sb) = Pair(rng);
        var a = Tensor.Randn(rng, DType.Float64, sa);
        var b = Tensor.Randn(rng, DType.Float64, sb);
        if (sb.Length > 0) b = b[new Slice(null, null, -1)];
        var (_, products) = Binary(a, b, (x, y) => x * y);
        double expected = 0, scale = 0;
        foreach (var p in products) { expected += p; scale += Math.Abs(p); }
        var sum = (a * b).Sum();
        Assert.Equal(0, sum.NDim);
        Assert.True(Math.Abs(sum.Item() - expected) <= 1e-12 * (scale + 1), $"{sum.Item()} vs {expected}");
    }

    [Property(MaxTest = 150)]
    public void Reductions_MatchScalarLoop(int seed)
    {
        var rng = new Generator(seed);
        var shape = Shape(rng, 4, 4);
        var x = Data(rng, Numeric[Next(rng, 0, 3)], shape);
        var axes = Enumerable.Range(0, shape.Length).Where(_ => rng.NextDouble() < 0.5)
            .Select(a => rng.NextDouble() < 0.5 ? a - shape.Length : a).ToArray();
        bool keep = rng.NextDouble() < 0.5;
        var norm = axes.Select(a => a < 0 ? a + shape.Length : a).ToHashSet();
        var kept = shape.Select((d, i) => norm.Contains(i) ? 1 : d).ToArray();
        var sum = x.Sum(axes, keep);
        var max = x.Max(axes, keep);
        var expectedShape = keep ? kept : shape.Where((_, i) => !norm.Contains(i)).ToArray();
        Assert.Equal(expectedShape, sum.Shape);
        Assert.Equal(expectedShape, max.Shape);
        var sums = new double[ShapeSize(kept)];
        var maxes = Enumerable.Repeat(double.NegativeInfinity, sums.Length).ToArray();
        var keptStrides = new int[kept.Length];
        for (int i = kept.Length - 1, s = 1; i >= 0; s *= kept[i], i--) keptStrides[i] = s;
        foreach (var i in Indices(shape))
        {
            int slot = 0;
            for (int d = 0; d < i.Length; d++) if (!norm.Contains(d)) slot += i[d] * keptStrides[d];
            double v = x.GetDouble(i);
            sums[slot] += v;
            maxes[slot] = Math.Max(maxes[slot], v);
        }
        Assert.Equal(sums, Values(sum));
        Assert.Equal(maxes, Values(max));
    }

    [Property(MaxTest = 150)]
    public void MatMul_MatchesNaiveTripleLoop(int seed)
    {
        var rng = new Generator(seed);
        int m = Next(rng, 0, 5), n = Next(rng, 0, 5), k = Next(rng, 0, 5);
        var batch = Shape(rng, 2, 3);
        var batchA = batch.Skip(Next(rng, 0, batch.Length)).Select(d => rng.NextDouble() < 0.3 ? 1 : d).ToArray();
        var batchB = batch.Skip(Next(rng, 0, batch.Length)).Select(d => rng.NextDouble() < 0.3 ? 1 : d).ToArray();
        bool vecA = rng.NextDouble() < 0.15, vecB = rng.NextDouble() < 0.15;
        int[] sa = vecA ? [k] : [.. batchA, m, k];
        int[] sb = vecB ? [k] : [.. batchB, k, n];
        var dtype = Numeric[Next(rng, 0, 3)];
        var a = Data(rng, dtype, sa);
        var b = Data(rng, dtype, sb);
        if (!vecA && rng.NextDouble() < 0.5) a = Data(rng, dtype, [.. batchA, k, m]).SwapAxes(-1, -2);
        if (!vecB && rng.NextDouble() < 0.5) b = Data(rng, dtype, [.. batchB, n, k]).SwapAxes(-1, -2);
        var r = Tensor.MatMul(a, b);
        Assert.Equal(dtype, r.DType);
        var (shape, expected) = MatMulTests.Naive(a, b);
        Close(shape, expected, r, 0, 0);
    }

    [Property(MaxTest = 100)]
    public void ArgMax_PicksAMaximum_AndTheFirstOne(int seed)
    {
        var rng = new Generator(seed);
        var shape = Shape(rng, 3, 4);
        if (shape.Length == 0) shape = [3];
        var x = Data(rng, Numeric[Next(rng, 0, 3)], shape);
        int axis = Next(rng, 0, shape.Length - 1);
        var idx = x.ArgMax(axis, keepDims: true);
        var max = x.Max(axis, keepDims: true);
        foreach (var i in Indices(idx.Shape))
        {
            var at = (int[])i.Clone();
            int best = (int)idx.Get<long>(i);
            at[axis] = best;
            Assert.Equal(max.GetDouble(i), x.GetDouble(at));
            for (int j = 0; j < best; j++)
            {
                at[axis] = j;
                Assert.True(x.GetDouble(at) < max.GetDouble(i));
            }
        }
    }

    private static int ShapeSize(int[] s) => s.Aggregate(1, (p, d) => p * d);
}
