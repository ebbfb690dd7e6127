using Nabla.Tensors;
using static Nabla.Tests.Tensors.OpsRef;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Sum, Mean, Max, Min, ArgMax, ArgMin and SumTo with NumPy's rules: all axes, one axis, several axes, negative
/// axes, keepdims, 0-d and empty inputs, result dtypes, NaN propagation, ties, and the error messages.
/// </summary>
public class ReductionTests
{
    /// <summary>x = arange(24).reshape(2,3,4) as Float64: x[b,j,l] = 12b + 4j + l.</summary>
    private static Tensor X24() => F64(Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), 2, 3, 4);

    /// <summary>A reference reduction: groups the elements of <paramref name="x"/> by their kept coordinates.</summary>
    private static (int[] Shape, double[] Values) RefReduce(Tensor x, int[] axes, bool keepDims, Func<double[], double> f)
    {
        int nd = x.NDim;
        var norm = axes.Select(a => a < 0 ? a + nd : a).ToHashSet();
        var kept = Enumerable.Range(0, nd).Select(i => norm.Contains(i) ? 1 : x.Shape[i]).ToArray();
        var outShape = keepDims ? kept : Enumerable.Range(0, nd).Where(i => !norm.Contains(i)).Select(i => x.Shape[i]).ToArray();
        var values = Indices(kept).Select(k =>
        {
            var group = Indices(x.Shape).Where(i => Enumerable.Range(0, nd).All(d => norm.Contains(d) || i[d] == k[d]));
            return f(group.Select(i => x.GetDouble(i)).ToArray());
        }).ToArray();
        return (outShape, values);
    }

    private static double NanMax(double[] v) => v.Any(double.IsNaN) ? double.NaN : v.Max();
    private static double NanMin(double[] v) => v.Any(double.IsNaN) ? double.NaN : v.Min();

    // ---- hand-worked values ----

    [Fact]
    public void Sum_AllAndEachAxis()
    {
        var x = X24();
        Exact(DType.Float64, [], [276], x.Sum());
        Exact(DType.Float64, [3, 4], Enumerable.Range(0, 12).Select(i => 2.0 * i + 12).ToArray(), x.Sum(0));
        Exact(DType.Float64, [2, 4], [12, 15, 18, 21, 48, 51, 54, 57], x.Sum(1));
        Exact(DType.Float64, [2, 3], [6, 22, 38, 54, 70, 86], x.Sum(2));
        Exact(DType.Float64, [2, 3], [6, 22, 38, 54, 70, 86], x.Sum(-1));
        Exact(DType.Float64, [2, 4], [12, 15, 18, 21, 48, 51, 54, 57], x.Sum(-2));
    }

    [Fact]
    public void Sum_SeveralAxes_NegativeAxes_KeepDims()
    {
        var x = X24();
        Exact(DType.Float64, [3], [60, 92, 124], x.Sum([0, 2]));
        Exact(DType.Float64, [3], [60, 92, 124], x.Sum([2, 0]));
        Exact(DType.Float64, [3], [60, 92, 124], x.Sum([-1, -3]));
        Exact(DType.Float64, [1, 3, 1], [60, 92, 124], x.Sum([0, -1], keepDims: true));
        Exact(DType.Float64, [1, 1, 1], [276], x.Sum(keepDims: true));
        Exact(DType.Float64, [1, 1, 1], [276], x.Sum([0, 1, 2], keepDims: true));
        Exact(DType.Float64, [], [276], x.Sum([0, 1, 2]));
        Exact(DType.Float64, [2, 1, 4], [12, 15, 18, 21, 48, 51, 54, 57], x.Sum(1, keepDims: true));
        Exact(DType.Float64, [4], [60, 66, 72, 78], x.Sum([0, 1]));
        // An empty axis list reduces nothing (NumPy's axis=()).
        Exact(DType.Float64, [2, 3, 4], Enumerable.Range(0, 24).Select(i => (double)i).ToArray(), x.Sum(Array.Empty<int>()));
    }

    [Fact]
    public void Mean_Max_Min_HandValues()
    {
        var x = X24();
        Exact(DType.Float64, [], [11.5], x.Mean());
        Exact(DType.Float64, [2, 4], [4, 5, 6, 7, 16, 17, 18, 19], x.Mean(1));
        Exact(DType.Float64, [3], [7.5, 11.5, 15.5], x.Mean([0, 2]));
        Exact(DType.Float64, [1, 3, 1], [7.5, 11.5, 15.5], x.Mean([0, -1], keepDims: true));
        Exact(DType.Float64, [], [23], x.Max());
        Exact(DType.Float64, [2, 3], [3, 7, 11, 15, 19, 23], x.Max(2));
        Exact(DType.Float64, [3, 4], Enumerable.Range(0, 12).Select(i => (double)i).ToArray(), x.Min(0));
        Exact(DType.Float64, [2, 1, 1], [0, 12], x.Min([1, 2], keepDims: true));
        Exact(DType.Float64, [4], [20, 21, 22, 23], x.Max([0, 1]));
    }

    // ---- against a reference loop, on every layout ----

    public static TheoryData<string> ReductionNames => new() { "Sum", "Mean", "Max", "Min" };

    private static (Func<Tensor, int[]?, bool, Tensor> Op, Func<double[], double> Ref) Reduction(string name) => name switch
    {
        "Sum" => ((t, a, k) => t.Sum(a, k), v => v.Sum()),
        "Mean" => ((t, a, k) => t.Mean(a, k), v => v.Length == 0 ? double.NaN : v.Sum() / v.Length),
        "Max" => ((t, a, k) => t.Max(a, k), NanMax),
        _ => ((t, a, k) => t.Min(a, k), NanMin),
    };

    [Theory]
    [MemberData(nameof(ReductionNames))]
    public void EveryAxisSet_EveryLayout_MatchesReference(string name)
    {
        var (op, reference) = Reduction(name);
        var rng = new Generator(7);
        int[][] axisSets = [[0], [1], [2], [-1], [0, 1], [0, 2], [1, 2], [-3, -1], [0, 1, 2], []];
        foreach (var layout in Layouts)
        {
            var x = Laid(rng, DType.Float64, layout, 3, 4, 5);
            foreach (var axes in axisSets)
            foreach (var keep in new[] { false, true })
            {
                var (shape, expected) = RefReduce(x, axes, keep, reference);
                var r = op(x, axes, keep);
                Assert.Equal(DType.Float64, r.DType);
                Close(shape, expected, r, 1e-13, 1e-13);
            }
            var (s0, all) = RefReduce(x, [0, 1, 2], false, reference);
            Close(s0, all, op(x, null, false), 1e-13, 1e-13);
        }
    }

    [Fact]
    public void LargeReductions_MatchReference()
    {
        var rng = new Generator(8);
        var x = Tensor.Randn(rng, DType.Float64, 37, 129);
        foreach (var name in new[] { "Sum", "Max", "Min", "Mean" })
        {
            var (op, reference) = Reduction(name);
            foreach (var axes in new[] { new[] { 0 }, new[] { 1 } })
            {
                var (shape, expected) = RefReduce(x, axes, false, reference);
                Close(shape, expected, op(x, axes, false), 1e-12, 1e-12);
                Close(shape, expected, op(x.T.Copy().T, axes, false), 1e-12, 1e-12);
            }
        }
        var f = Tensor.Randn(rng, DType.Float32, 1000);
        Assert.Equal(DType.Float32, f.Sum().DType);
        Assert.Equal(Values(f).Sum(), f.Sum().Item(), 1e-3);
    }

    // ---- dtypes ----

    [Fact]
    public void IntSums_GiveInt64()
    {
        var i = I32([1, 2, 3, 4, 5, 6], 2, 3);
        Exact(DType.Int64, [], [21], i.Sum());
        Exact(DType.Int64, [3], [5, 7, 9], i.Sum(0));
        Exact(DType.Int64, [2, 1], [6, 15], i.Sum(1, keepDims: true));
        // The sum is computed in Int64, so it does not wrap at 2**31.
        Exact(DType.Int64, [], [2.0 * int.MaxValue], I32([int.MaxValue, int.MaxValue]).Sum());
        Exact(DType.Int64, [], [21], I64([1, 2, 3, 4, 5, 6]).Sum());
        Exact(DType.Int64, [2], [2, 1], B([true, true, false, true], 2, 2).Sum(1));
        Exact(DType.Float32, [], [6], F32([1, 2, 3]).Sum());
    }

    [Fact]
    public void MeanOfInts_GivesFloat32()
    {
        Exact(DType.Float32, [], [3.5], I32([1, 2, 3, 4, 5, 6]).Mean());
        Exact(DType.Float32, [2], [1.5, 3.5], I64([1, 2, 3, 4], 2, 2).Mean(1));
        Exact(DType.Float32, [], [0.75], B([true, true, false, true]).Mean());
        Exact(DType.Float32, [], [2], F32([1, 2, 3]).Mean());
        Exact(DType.Float64, [], [2], F64([1, 2, 3]).Mean());
    }

    [Fact]
    public void MaxMin_KeepDType()
    {
        Exact(DType.Int32, [2], [3, 6], I32([1, 3, 2, 6, 5, 4], 2, 3).Max(1));
        Exact(DType.Int64, [3], [1, 3, 2], I64([1, 3, 2, 6, 5, 4], 2, 3).Min(0));
        Exact(DType.Int32, [], [int.MinValue], I32([int.MinValue, int.MinValue]).Max());
        Exact(DType.Int64, [], [long.MaxValue], I64([long.MaxValue]).Min());
        var b = B([false, false, true, false], 2, 2);
        Assert.Equal(DType.Bool, b.Max().DType);
        Bools([false, true], b.Max(1));
        Bools([false, false], b.Min(1));
        Exact(DType.Float32, [], [-1], F32([-1, -2]).Max());
    }

    // ---- NaN ----

    [Fact]
    public void MaxMin_PropagateNaN()
    {
        Close([double.NaN], F64([1, double.NaN, 3]).Max().Reshape(1));
        Close([double.NaN], F64([double.NaN, 1, 3]).Min().Reshape(1));
        Close([double.NaN], F64([1, 3, double.NaN]).Max().Reshape(1));
        var m = F64([1, double.NaN, 3, 4, 5, 6], 2, 3);
        Close([2], [double.NaN, 6], m.Max(1));
        Close([3], [1, double.NaN, 3], m.Min(0));
        Close([3], [4, double.NaN, 6], m.T.Max(1));
        Close([2], [double.NaN, 4], m.T.Min(0));
        var f = F32(Enumerable.Range(0, 40).Select(i => i == 33 ? float.NaN : i).ToArray());
        Close([double.NaN], f.Max().Reshape(1));
        Close([double.NaN], f.Min().Reshape(1));
        Close([double.NaN], F64([1, double.NaN]).Sum().Reshape(1));
        Close([double.NaN], F64([1, double.NaN]).Mean().Reshape(1));
        // Infinities are ordinary values.
        Close([double.NegativeInfinity], F64([double.NegativeInfinity, double.NegativeInfinity]).Max().Reshape(1));
        Close([double.PositiveInfinity], F64([double.PositiveInfinity, 1]).Max(keepDims: true).Reshape(1));
    }

    // ---- 0-d and empty ----

    [Fact]
    public void ZeroDimInput()
    {
        var s = Tensor.Scalar(5.0);
        Exact(DType.Float64, [], [5], s.Sum());
        Exact(DType.Float64, [], [5], s.Sum(keepDims: true));
        Exact(DType.Float64, [], [5], s.Mean());
        Exact(DType.Float64, [], [5], s.Max());
        Exact(DType.Float64, [], [5], s.Min(Array.Empty<int>()));
        Exact(DType.Int64, [], [0], s.ArgMax());
        Exact(DType.Int64, [], [0], s.ArgMin(keepDims: true));
        Exact(DType.Int64, [], [7], Tensor.Scalar(7.0, DType.Int32).Sum());
        var e = Assert.ThrowsAny<ArgumentException>(() => s.Sum(0));
        Assert.StartsWith("Sum: axis 0 is out of bounds for a tensor of dimension 0", e.Message);
    }

    [Fact]
    public void EmptyReductions_SumIsZero_MeanIsNaN()
    {
        var z = Tensor.Zeros(DType.Float64, 0, 3);
        Exact(DType.Float64, [], [0], z.Sum());
        Exact(DType.Float64, [3], [0, 0, 0], z.Sum(0));
        Exact(DType.Float64, [0], [], z.Sum(1));
        Exact(DType.Float64, [1, 3], [0, 0, 0], z.Sum(0, keepDims: true));
        Exact(DType.Int64, [], [0], Tensor.Zeros(DType.Int32, 0).Sum());
        Close([], [double.NaN], z.Mean());
        Close([3], [double.NaN, double.NaN, double.NaN], z.Mean(0));
        Exact(DType.Float64, [0], [], z.Mean(1));
        Close([], [double.NaN], Tensor.Zeros(DType.Int32, 0).Mean());
    }

    [Fact]
    public void EmptyReductions_MaxMinThrowNamingTheOp()
    {
        var z = Tensor.Zeros(DType.Float64, 0, 3);
        var e = Assert.Throws<ArgumentException>(() => z.Max());
        Assert.Equal("Max: zero-size reduction over axis 0 of shape (0,3), which has no identity", e.Message);
        e = Assert.Throws<ArgumentException>(() => z.Min(0));
        Assert.Equal("Min: zero-size reduction over axis 0 of shape (0,3), which has no identity", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 0).Max([1]));
        Assert.StartsWith("Max: zero-size reduction over axis 1", e.Message);
        // Reducing a non-empty axis of an empty tensor is fine: there is nothing to reduce into.
        Exact(DType.Float64, [0], [], z.Max(1));
        Exact(DType.Float64, [0, 1], [], z.Min(1, keepDims: true));
        var a = Assert.Throws<ArgumentException>(() => z.ArgMax(0));
        Assert.Equal("ArgMax: attempt to get argmax of an empty sequence (axis 0 of shape (0,3))", a.Message);
        a = Assert.Throws<ArgumentException>(() => Tensor.Zeros(0).ArgMin());
        Assert.StartsWith("ArgMin: attempt to get argmin of an empty sequence", a.Message);
    }

    // ---- axis errors ----

    [Fact]
    public void AxisErrors()
    {
        var x = Tensor.Zeros(2, 3);
        var e = Assert.ThrowsAny<ArgumentException>(() => x.Sum(2));
        Assert.StartsWith("Sum: axis 2 is out of bounds for a tensor of dimension 2", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => x.Max(-3));
        Assert.StartsWith("Max: axis -3 is out of bounds for a tensor of dimension 2", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => x.Mean([0, 5]));
        Assert.StartsWith("Mean: axis 5 is out of bounds for a tensor of dimension 2", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => x.Min([1, 2]));
        Assert.StartsWith("Min: axis 2 is out of bounds", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => x.ArgMax(2));
        Assert.StartsWith("ArgMax: axis 2 is out of bounds for a tensor of dimension 2", e.Message);
        e = Assert.ThrowsAny<ArgumentException>(() => x.ArgMin(-3));
        Assert.StartsWith("ArgMin: axis -3 is out of bounds for a tensor of dimension 2", e.Message);

        var r = Assert.Throws<ArgumentException>(() => x.Sum([0, 0]));
        Assert.Equal("Sum: repeated axis in (0,0)", r.Message);
        r = Assert.Throws<ArgumentException>(() => x.Sum([1, -1]));
        Assert.Equal("Sum: repeated axis in (1,-1)", r.Message);
        r = Assert.Throws<ArgumentException>(() => x.Mean([0, -2]));
        Assert.Equal("Mean: repeated axis in (0,-2)", r.Message);
        r = Assert.Throws<ArgumentException>(() => x.Max([1, 1]));
        Assert.Equal("Max: repeated axis in (1,1)", r.Message);
    }

    // ---- ArgMax / ArgMin ----

    [Fact]
    public void ArgMaxArgMin_FlattenedAndPerAxis_FirstOnTies()
    {
        var x = F64([1, 5, 5, 0, 5, 2], 2, 3);
        Exact(DType.Int64, [], [1], x.ArgMax());
        Exact(DType.Int64, [], [3], x.ArgMin());
        Exact(DType.Int64, [3], [0, 0, 0], x.ArgMax(0));
        Exact(DType.Int64, [3], [1, 0, 1], x.ArgMin(0));
        Exact(DType.Int64, [2], [1, 1], x.ArgMax(1));
        Exact(DType.Int64, [2], [0, 0], x.ArgMin(1));
        Exact(DType.Int64, [2], [1, 1], x.ArgMax(-1));
        Exact(DType.Int64, [3], [1, 0, 1], x.ArgMin(-2));
        Exact(DType.Int64, [2, 1], [1, 1], x.ArgMax(1, keepDims: true));
        Exact(DType.Int64, [1, 3], [0, 0, 0], x.ArgMax(0, keepDims: true));
        Exact(DType.Int64, [1, 1], [1], x.ArgMax(keepDims: true));
        Exact(DType.Int64, [1, 1], [3], x.ArgMin(null, keepDims: true));
        Exact(DType.Int64, [2], [1, 1], x.T.ArgMax(0));
        Exact(DType.Int64, [], [0], F64([7, 7, 7]).ArgMax());
        Exact(DType.Int64, [], [0], F64([7, 7, 7]).ArgMin());
    }

    [Fact]
    public void ArgMaxArgMin_DTypes_NaN_SignedZero()
    {
        Exact(DType.Int64, [], [2], I32([3, -1, 9, 9]).ArgMax());
        Exact(DType.Int64, [], [1], I64([3, -1, 9, -1]).ArgMin());
        Exact(DType.Int64, [], [1], F32([3, 8, 8]).ArgMax());
        Exact(DType.Int64, [], [1], B([false, true, true]).ArgMax());
        Exact(DType.Int64, [], [0], B([false, true, false]).ArgMin());
        // NaN is both the largest and the smallest: the first NaN wins (NumPy).
        Exact(DType.Int64, [], [1], F64([1, double.NaN, 3, double.NaN]).ArgMax());
        Exact(DType.Int64, [], [1], F64([1, double.NaN, -3]).ArgMin());
        Exact(DType.Int64, [2], [1, 0], F32([1, float.NaN, float.NaN, 2], 2, 2).ArgMax(1));
        // -0.0 == 0.0, so the first of them is the answer on a tie.
        Exact(DType.Int64, [], [0], F64([-0.0, 0.0]).ArgMax());
        Exact(DType.Int64, [], [0], F64([0.0, -0.0]).ArgMin());
        Exact(DType.Int64, [], [1], F64([-1, -0.0, 0.0]).ArgMax());
    }

    [Fact]
    public void ArgMaxArgMin_EveryAxisAndLayout_MatchReference()
    {
        var rng = new Generator(21);
        foreach (var layout in Layouts)
        foreach (var dtype in new[] { DType.Float64, DType.Int32 })
        {
            var x = Laid(rng, dtype, layout, 3, 4, 5);
            for (int axis = -3; axis < 3; axis++)
            {
                foreach (bool max in new[] { true, false })
                {
                    var r = max ? x.ArgMax(axis) : x.ArgMin(axis);
                    int a = axis < 0 ? axis + 3 : axis;
                    var (shape, _) = RefReduce(x, [a], false, _ => 0);
                    Assert.Equal(shape, r.Shape);
                    Assert.Equal(DType.Int64, r.DType);
                    foreach (var k in Indices(shape))
                    {
                        var full = k.ToList();
                        full.Insert(a, 0);
                        var at = full.ToArray();
                        int best = 0;
                        for (int i = 1; i < x.Shape[a]; i++)
                        {
                            at[a] = i;
                            double v = x.GetDouble(at);
                            at[a] = best;
                            double b = x.GetDouble(at);
                            if (max ? v > b : v < b) best = i;
                        }
                        Assert.Equal(best, r.Get<long>(k));
                    }
                }
            }
            var flat = Values(x);
            Assert.Equal(Array.IndexOf(flat, flat.Max()), x.ArgMax().Item<long>());
            Assert.Equal(Array.IndexOf(flat, flat.Min()), x.ArgMin().Item<long>());
        }
    }

    // ---- SumTo ----

    [Fact]
    public void SumTo_ReversesBroadcasting()
    {
        var x = X24();
        Exact(DType.Float64, [3, 1], [60, 92, 124], x.SumTo(3, 1));
        Exact(DType.Float64, [4], [60, 66, 72, 78], x.SumTo(4));
        Exact(DType.Float64, [1, 4], [60, 66, 72, 78], x.SumTo(1, 4));
        Exact(DType.Float64, [2, 1, 4], [12, 15, 18, 21, 48, 51, 54, 57], x.SumTo(2, 1, 4));
        Exact(DType.Float64, [1, 1, 1], [276], x.SumTo(1, 1, 1));
        Exact(DType.Float64, [], [276], x.SumTo());
        Exact(DType.Float64, [3, 4], Enumerable.Range(0, 12).Select(i => 2.0 * i + 12).ToArray(), x.SumTo(3, 4));
        Exact(DType.Float64, [2, 3, 4], Values(x), x.SumTo(2, 3, 4));
        Exact(DType.Float64, [1], [0], Tensor.Zeros(DType.Float64, 0, 1).SumTo(1));
    }

    [Fact]
    public void SumTo_KeepsIntegerDType()
    {
        // SumTo is the gradient of BroadcastTo, which keeps the dtype; it must not depend on whether an axis was summed.
        var i = I32([1, 2, 3, 4, 5, 6], 2, 3);
        Exact(DType.Int32, [3], [5, 7, 9], i.SumTo(3));
        Exact(DType.Int32, [2, 3], [1, 2, 3, 4, 5, 6], i.SumTo(2, 3));
        Exact(DType.Int64, [1, 3], [5, 7, 9], I64([1, 2, 3, 4, 5, 6], 2, 3).SumTo(1, 3));
        Exact(DType.Float32, [2, 1], [6, 15], F32([1, 2, 3, 4, 5, 6], 2, 3).SumTo(2, 1));
    }

    [Fact]
    public void SumTo_Errors()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).SumTo(4));
        Assert.Equal("SumTo: cannot reduce (2,3) to (4,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).SumTo(2, 3));
        Assert.Equal("SumTo: cannot reduce (3,) to (2,3)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).SumTo(2, 2));
        Assert.Equal("SumTo: cannot reduce (2,3) to (2,2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).SumTo(3, 1));
        Assert.Equal("SumTo: cannot reduce (2,3) to (3,1)", e.Message);
    }

    // ---- accuracy of long sums ----

    [Fact]
    public void Sum_Float32_OfTenMillionValues_IsWithinAFewRoundingsOfTheExactSum()
    {
        const int n = 10_000_000;
        var values = new float[n];
        var rng = new Random(7);
        for (int i = 0; i < n; i++) values[i] = (float)rng.NextDouble() * 5.26f;
        double exact = 0;
        foreach (var v in values) exact += v;
        double got = Tensor.FromArray(values).Sum().GetDouble();
        // One vector pass was 38 off here (19 float32 ulps); pairwise blocks bring it to within the result's own ulp.
        double ulp = MathF.BitIncrement((float)exact) - (float)exact;
        Assert.True(Math.Abs(got - exact) <= 2 * ulp, $"sum {got} vs exact {exact} (ulp {ulp})");
    }

    [Fact]
    public void Sum_RowsUpToOneBlock_AreOneVectorPass()
    {
        var values = Enumerable.Range(0, Nabla.Tensors.Kernels.Reduce.PairwiseBlock).Select(i => 1f / (i + 1)).ToArray();
        float expected = System.Numerics.Tensors.TensorPrimitives.Sum<float>(values);
        Assert.Equal(expected, Tensor.FromArray(values).Sum().GetDouble());
    }

    [Theory]
    [InlineData(4097)]
    [InlineData(8192)]
    [InlineData(12289)]
    [InlineData(1_000_003)]
    public void Sum_LongRows_MatchTheExactSumOfIntegers(int n)
    {
        // Small integers are exact in float32 sums up to 2^24, so any split gives the same value.
        var values = Enumerable.Range(0, n).Select(i => (float)(i % 3)).ToArray();
        double exact = values.Sum(v => (double)v);
        Assert.Equal(exact, Tensor.FromArray(values).Sum().GetDouble());
    }
}
