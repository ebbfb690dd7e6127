using FsCheck.Xunit;
using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Shape operations with NumPy semantics: Reshape (-1), Transpose, SwapAxes, ExpandDims, Squeeze, Flatten,
/// BroadcastTo, Concat, Stack, Split, Narrow, views sharing storage, empty dimensions and negative axes.
/// </summary>
public class ShapeTests
{
    private static void AssertTensor(Tensor t, int[] shape, params double[] expected)
    {
        Assert.Equal(shape, t.Shape);
        Assert.Equal(expected, t.ToDoubleArray());
    }

    /// <summary>np.arange(n).reshape(shape) as Float64.</summary>
    private static Tensor Range(params int[] shape)
    {
        int size = shape.Aggregate(1, (a, b) => a * b);
        return Tensor.Arange(size).AsType(DType.Float64).Reshape(shape);
    }

    private static double[] Seq(int start, int count) => Enumerable.Range(start, count).Select(i => (double)i).ToArray();

    // ---- Reshape ----

    [Fact]
    public void Reshape_Basic()
    {
        var x = Range(6);
        AssertTensor(x.Reshape(2, 3), [2, 3], 0, 1, 2, 3, 4, 5);
        AssertTensor(x.Reshape(3, 2), [3, 2], 0, 1, 2, 3, 4, 5);
        AssertTensor(x.Reshape(1, 6, 1), [1, 6, 1], 0, 1, 2, 3, 4, 5);
        Assert.Equal([3, 1], x.Reshape(2, 3).Strides);
    }

    [Fact]
    public void Reshape_InfersMinusOne()
    {
        var x = Range(2, 3, 4);
        Assert.Equal([6, 4], x.Reshape(-1, 4).Shape);
        Assert.Equal([2, 12], x.Reshape(2, -1).Shape);
        Assert.Equal([2, 3, 2, 2], x.Reshape(2, 3, -1, 2).Shape);
        Assert.Equal([24], x.Reshape(-1).Shape);
        Assert.Equal(Seq(0, 24), x.Reshape(4, -1).ToDoubleArray());
    }

    [Fact]
    public void Reshape_ToAndFromScalar()
    {
        var s = Tensor.FromArray(new[] { 5.0 }).Reshape();
        Assert.Equal(0, s.NDim);
        Assert.Equal(5.0, s.Item());
        AssertTensor(Tensor.Scalar(5.0).Reshape(1, 1), [1, 1], 5);
        AssertTensor(Tensor.Scalar(5.0).Reshape(-1), [1], 5);
    }

    [Fact]
    public void Reshape_EmptyDimensions()
    {
        var e = Tensor.Zeros(0, 3);
        Assert.Equal([0], e.Reshape(-1).Shape);
        Assert.Equal([3, 0], e.Reshape(3, -1).Shape);
        Assert.Equal([0, 5], e.Reshape(0, 5).Shape);
        // NumPy: "cannot reshape array of size 0 into shape (0,newaxis)": -1 is ambiguous next to a 0.
        var ex = Assert.Throws<ArgumentException>(() => e.Reshape(0, -1));
        Assert.Contains("Reshape", ex.Message);
    }

    [Fact]
    public void Reshape_OfContiguous_IsAView()
    {
        var x = Range(2, 3);
        var r = x.Reshape(3, 2);
        r.Set(100.0, 2, 1);
        Assert.Equal(100.0, x.Get<double>(1, 2));
    }

    [Fact]
    public void Reshape_OfTransposed_CopiesInRowMajorOrder()
    {
        var x = Range(2, 3);
        var r = x.T.Reshape(6);
        AssertTensor(r, [6], 0, 3, 1, 4, 2, 5);
        r.Set(100.0, 0);
        Assert.Equal(0.0, x.Get<double>(0, 0));
    }

    [Fact]
    public void Reshape_WrongSize_Throws()
    {
        var x = Range(2, 3);
        var ex = Assert.Throws<ArgumentException>(() => x.Reshape(4));
        Assert.Contains("Reshape", ex.Message);
        Assert.Contains("6", ex.Message);
        Assert.Contains("(4,)", ex.Message);
        var inferred = Assert.Throws<ArgumentException>(() => x.Reshape(-1, 4));
        Assert.Contains("(-1,4)", inferred.Message);
    }

    [Fact]
    public void Reshape_TwoUnknowns_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Range(2, 3).Reshape(-1, -1));
        Assert.Contains("Reshape", ex.Message);
        Assert.Contains("one unknown", ex.Message);
        Assert.Contains("(-1,-1)", ex.Message);
    }

    [Fact]
    public void Reshape_NegativeDimension_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Range(2, 3).Reshape(-2, -3));
        Assert.Contains("Reshape", ex.Message);
        Assert.Contains("(-2,-3)", ex.Message);
    }

    [Property]
    public bool Reshape_RoundTrip(byte a, byte b, byte c)
    {
        int d0 = a % 4 + 1, d1 = b % 4, d2 = c % 5 + 1;
        var x = Range(d0, d1, d2);
        var y = x.Reshape(d2, -1).Reshape(d0, d1, d2);
        return y.Shape.SequenceEqual(x.Shape) && y.ToDoubleArray().SequenceEqual(x.ToDoubleArray());
    }

    // ---- Transpose and SwapAxes ----

    [Fact]
    public void Transpose_Default_ReversesAxes()
    {
        var x = Range(2, 3, 4);
        var t = x.Transpose();
        Assert.Equal([4, 3, 2], t.Shape);
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 4; k++)
                    Assert.Equal(x.Get<double>(i, j, k), t.Get<double>(k, j, i));
        Assert.Equal([4, 3, 2], x.T.Shape);
    }

    [Fact]
    public void Transpose_Matrix()
    {
        var x = Range(2, 3);
        var t = x.T;
        AssertTensor(t, [3, 2], 0, 3, 1, 4, 2, 5);
        Assert.Equal([1, 3], t.Strides);
        Assert.False(t.IsContiguous);
    }

    [Fact]
    public void Transpose_Permutations()
    {
        var x = Range(2, 3, 4);
        var t = x.Transpose(1, 0, 2);
        Assert.Equal([3, 2, 4], t.Shape);
        Assert.Equal(x.Get<double>(1, 2, 3), t.Get<double>(2, 1, 3));
        var n = x.Transpose(-1, 0, 1);
        Assert.Equal([4, 2, 3], n.Shape);
        Assert.Equal(x.Get<double>(1, 2, 3), n.Get<double>(3, 1, 2));
        // np.arange(24).reshape(2,3,4).transpose(2,0,1)[1] -> [[1,5,9],[13,17,21]]
        AssertTensor(x.Transpose(2, 0, 1)[1], [2, 3], 1, 5, 9, 13, 17, 21);
        Assert.True(x.Transpose(0, 1, 2).IsContiguous);
    }

    [Fact]
    public void Transpose_ZeroAndOneDimensional_AreUnchanged()
    {
        AssertTensor(Tensor.Scalar(2.0).T, [], 2);
        AssertTensor(Range(3).T, [3], 0, 1, 2);
    }

    [Fact]
    public void Transpose_IsAViewSharingStorage()
    {
        var x = Tensor.Arange(24).Reshape(2, 3, 4);
        var t = x.Transpose();
        t.Set(100L, 3, 2, 1);
        Assert.Equal(100L, x.Get<long>(1, 2, 3));
        x.Set(-1L, 0, 1, 2);
        Assert.Equal(-1L, t.Get<long>(2, 1, 0));
    }

    [Fact]
    public void Transpose_WrongAxesCount_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Range(2, 3, 4).Transpose(0, 1));
        Assert.Contains("Transpose", ex.Message);
        Assert.Contains("(0,1)", ex.Message);
        Assert.Contains("(2,3,4)", ex.Message);
    }

    [Fact]
    public void Transpose_RepeatedAxis_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Range(2, 3, 4).Transpose(0, -3, 1));
        Assert.Contains("Transpose", ex.Message);
        Assert.Contains("repeated", ex.Message);
        Assert.Contains("(0,-3,1)", ex.Message);
    }

    [Fact]
    public void Transpose_AxisOutOfRange_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Range(2, 3, 4).Transpose(0, 1, 3));
        Assert.Contains("Transpose", ex.Message);
        Assert.Contains("axis 3", ex.Message);
        Assert.Contains("dimension 3", ex.Message);
    }

    [Property]
    public bool Transpose_ThenInverse_IsIdentity(int seed, byte rank)
    {
        int n = rank % 5;
        var rng = new Generator(seed);
        var shape = Enumerable.Range(0, n).Select(_ => (int)rng.NextInt64(1, 4)).ToArray();
        var x = Range(shape);
        var perm = rng.Permutation(n);
        var inverse = new int[n];
        for (int i = 0; i < n; i++) inverse[perm[i]] = i;
        var y = x.Transpose(perm);
        var back = y.Transpose(inverse);
        bool shapeOk = y.Shape.SequenceEqual(perm.Select(p => shape[p]));
        return shapeOk && back.Shape.SequenceEqual(shape) && back.ToDoubleArray().SequenceEqual(x.ToDoubleArray());
    }

    [Fact]
    public void SwapAxes_ExchangesTwoAxes()
    {
        var x = Range(2, 3, 4);
        var s = x.SwapAxes(0, 2);
        Assert.Equal([4, 3, 2], s.Shape);
        Assert.Equal(x.Get<double>(1, 2, 3), s.Get<double>(3, 2, 1));
        var n = x.SwapAxes(-1, -2);
        Assert.Equal([2, 4, 3], n.Shape);
        Assert.Equal(x.Get<double>(1, 0, 3), n.Get<double>(1, 3, 0));
        Assert.Equal(x.Shape, x.SwapAxes(1, 1).Shape);
    }

    [Fact]
    public void SwapAxes_OutOfRange_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Range(2, 3).SwapAxes(0, 2));
        Assert.Contains("SwapAxes", ex.Message);
        Assert.Contains("axis 2", ex.Message);
        var neg = Assert.Throws<ArgumentOutOfRangeException>(() => Range(2, 3).SwapAxes(-3, 0));
        Assert.Contains("axis -3", neg.Message);
    }

    // ---- Contiguous ----

    [Fact]
    public void Contiguous_CopiesOnlyWhenNeeded()
    {
        var x = Range(2, 3);
        Assert.True(x.IsContiguous);
        Assert.Same(x, x.Contiguous());
        var c = x.T.Contiguous();
        Assert.True(c.IsContiguous);
        Assert.Equal([2, 1], c.Strides);
        AssertTensor(c, [3, 2], 0, 3, 1, 4, 2, 5);
        c.Set(50.0, 0, 0);
        Assert.Equal(0.0, x.Get<double>(0, 0));
    }

    [Fact]
    public void IsContiguous_IgnoresLengthOneAxes()
    {
        Assert.True(Range(3, 1).T.IsContiguous);
        Assert.True(Range(2, 3).ExpandDims(1).IsContiguous);
        Assert.False(Range(4)[new Slice(Step: 2)].IsContiguous);
        Assert.True(Range(4, 3)[1..3].IsContiguous);
        Assert.False(Range(4, 3)[.., 1..3].IsContiguous);
        Assert.False(Range(3).BroadcastTo(2, 3).IsContiguous);
    }

    [Fact]
    public void Copy_IsIndependent()
    {
        var x = Range(3);
        var c = x.Copy();
        c.Set(9.0, 0);
        Assert.Equal(0.0, x.Get<double>(0));
        AssertTensor(c, [3], 9, 1, 2);
    }

    // ---- ExpandDims and Squeeze ----

    [Theory]
    [InlineData(0, new[] { 1, 2, 3 })]
    [InlineData(1, new[] { 2, 1, 3 })]
    [InlineData(2, new[] { 2, 3, 1 })]
    [InlineData(-1, new[] { 2, 3, 1 })]
    [InlineData(-2, new[] { 2, 1, 3 })]
    [InlineData(-3, new[] { 1, 2, 3 })]
    public void ExpandDims_InsertsAnAxis(int axis, int[] expected)
    {
        var e = Range(2, 3).ExpandDims(axis);
        AssertTensor(e, expected, 0, 1, 2, 3, 4, 5);
    }

    [Fact]
    public void ExpandDims_OfScalar_AndSharesStorage()
    {
        AssertTensor(Tensor.Scalar(3.0).ExpandDims(0), [1], 3);
        AssertTensor(Tensor.Scalar(3.0).ExpandDims(-1), [1], 3);
        var x = Range(2, 3);
        AssertTensor(x.T.ExpandDims(1), [3, 1, 2], 0, 3, 1, 4, 2, 5);
        x.ExpandDims(1).Set(42.0, 1, 0, 2);
        Assert.Equal(42.0, x.Get<double>(1, 2));
    }

    [Fact]
    public void ExpandDims_OutOfRange_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Range(2, 3).ExpandDims(3));
        Assert.Contains("ExpandDims", ex.Message);
        Assert.Contains("axis 3", ex.Message);
        var neg = Assert.Throws<ArgumentOutOfRangeException>(() => Range(2, 3).ExpandDims(-4));
        Assert.Contains("axis -4", neg.Message);
    }

    [Fact]
    public void Squeeze_All()
    {
        var x = Range(1, 2, 1, 3);
        AssertTensor(x.Squeeze(), [2, 3], 0, 1, 2, 3, 4, 5);
        AssertTensor(Range(1, 1).Squeeze(), [], 0);
        Assert.Equal([2, 3], Range(2, 3).Squeeze().Shape);
        Assert.Equal([0], Tensor.Zeros(1, 0, 1).Squeeze().Shape);
    }

    [Fact]
    public void Squeeze_GivenAxes()
    {
        var x = Range(1, 2, 1, 3);
        Assert.Equal([2, 1, 3], x.Squeeze(0).Shape);
        Assert.Equal([1, 2, 3], x.Squeeze(2).Shape);
        Assert.Equal([1, 2, 3], x.Squeeze(-2).Shape);
        Assert.Equal([2, 3], x.Squeeze(0, -2).Shape);
        Assert.Equal(Seq(0, 6), x.Squeeze(2).ToDoubleArray());
    }

    [Fact]
    public void Squeeze_AxisNotOne_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Range(1, 2, 1, 3).Squeeze(1));
        Assert.Contains("Squeeze", ex.Message);
        Assert.Contains("axis 1", ex.Message);
        Assert.Contains("(1,2,1,3)", ex.Message);
        var range = Assert.Throws<ArgumentOutOfRangeException>(() => Range(1, 2).Squeeze(2));
        Assert.Contains("Squeeze", range.Message);
    }

    [Fact]
    public void Squeeze_IsAView()
    {
        var x = Range(1, 3);
        x.Squeeze().Set(7.0, 2);
        Assert.Equal(7.0, x.Get<double>(0, 2));
    }

    // ---- Flatten ----

    [Fact]
    public void Flatten_RowMajor()
    {
        AssertTensor(Range(2, 3).Flatten(), [6], 0, 1, 2, 3, 4, 5);
        AssertTensor(Range(2, 3).T.Flatten(), [6], 0, 3, 1, 4, 2, 5);
        AssertTensor(Tensor.Scalar(4.0).Flatten(), [1], 4);
        AssertTensor(Tensor.Zeros(2, 0, 3).Flatten(), [0]);
        AssertTensor(Range(2, 2, 2).Flatten(), [8], 0, 1, 2, 3, 4, 5, 6, 7);
    }

    // ---- BroadcastTo ----

    [Fact]
    public void BroadcastTo_AddsAndStretchesAxes()
    {
        var row = Tensor.FromArray(new[] { 1.0, 2, 3 });
        var b = row.BroadcastTo(2, 3);
        AssertTensor(b, [2, 3], 1, 2, 3, 1, 2, 3);
        Assert.Equal([0, 1], b.Strides);
        var col = Tensor.FromArray(new double[,] { { 1 }, { 2 }, { 3 } });
        AssertTensor(col.BroadcastTo(3, 2), [3, 2], 1, 1, 2, 2, 3, 3);
        AssertTensor(col.BroadcastTo(2, 3, 2), [2, 3, 2], 1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3);
        AssertTensor(Tensor.Scalar(7.0).BroadcastTo(2, 2), [2, 2], 7, 7, 7, 7);
        AssertTensor(row.BroadcastTo(3), [3], 1, 2, 3);
    }

    [Fact]
    public void BroadcastTo_EmptyDimensions()
    {
        AssertTensor(Tensor.FromArray(new[] { 1.0, 2, 3 }).BroadcastTo(0, 3), [0, 3]);
        AssertTensor(Tensor.FromArray(new[] { 1.0 }).BroadcastTo(0), [0]);
    }

    [Fact]
    public void BroadcastTo_Incompatible_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Range(3).BroadcastTo(4));
        Assert.Contains("BroadcastTo", ex.Message);
        Assert.Contains("(3,)", ex.Message);
        Assert.Contains("(4,)", ex.Message);
        var fewer = Assert.Throws<ArgumentException>(() => Range(2, 3).BroadcastTo(3));
        Assert.Contains("(2,3)", fewer.Message);
        Assert.Contains("(3,)", fewer.Message);
        var inner = Assert.Throws<ArgumentException>(() => Range(2, 1).BroadcastTo(3, 4));
        Assert.Contains("(2,1)", inner.Message);
        Assert.Contains("(3,4)", inner.Message);
        var neg = Assert.Throws<ArgumentException>(() => Range(3).BroadcastTo(-1, 3));
        Assert.Contains("BroadcastTo", neg.Message);
        Assert.Contains("(-1,3)", neg.Message);
    }

    [Fact]
    public void BroadcastTo_View_RejectsWholeWrites()
    {
        var b = Range(3).BroadcastTo(2, 3);
        var ex = Assert.Throws<InvalidOperationException>(() => b.Assign(Range(2, 3)));
        Assert.Contains("broadcast", ex.Message);
    }

    // ---- Concat ----

    [Fact]
    public void Concat_Axis0()
    {
        var a = Range(2, 2);
        var b = Tensor.FromArray(new double[,] { { 10, 11 } });
        AssertTensor(Tensor.Concat([a, b]), [3, 2], 0, 1, 2, 3, 10, 11);
        AssertTensor(Tensor.Concat([Range(2), Range(3)]), [5], 0, 1, 0, 1, 2);
    }

    [Fact]
    public void Concat_Axis1AndNegative()
    {
        var a = Tensor.FromArray(new double[,] { { 1 }, { 2 } });
        var b = Range(2, 2);
        AssertTensor(Tensor.Concat([a, b], 1), [2, 3], 1, 0, 1, 2, 2, 3);
        AssertTensor(Tensor.Concat([a, b], -1), [2, 3], 1, 0, 1, 2, 2, 3);
        var x = Range(2, 1, 2);
        Assert.Equal([2, 3, 2], Tensor.Concat([x, x, x], -2).Shape);
    }

    [Fact]
    public void Concat_OfViews()
    {
        var x = Range(2, 3);
        AssertTensor(Tensor.Concat([x.T, x.T]), [6, 2], 0, 3, 1, 4, 2, 5, 0, 3, 1, 4, 2, 5);
    }

    [Fact]
    public void Concat_MixedDTypes_Promote()
    {
        var i = Tensor.FromArray(new[] { 1, 2 });
        var d = Tensor.FromArray(new[] { 0.5 });
        var c = Tensor.Concat([i, d]);
        Assert.Equal(DType.Float64, c.DType);
        AssertTensor(c, [3], 1, 2, 0.5);
        var bi = Tensor.Concat([Tensor.FromArray(new[] { true, false }), Tensor.FromArray(new[] { 7 })]);
        Assert.Equal(DType.Int32, bi.DType);
        Assert.Equal([1, 0, 7], bi.ToArray<int>());
        var lf = Tensor.Concat([Tensor.FromArray(new[] { 3L }), Tensor.FromArray(new[] { 1.5f })]);
        Assert.Equal(DType.Float32, lf.DType);
    }

    [Fact]
    public void Concat_EmptyParts()
    {
        AssertTensor(Tensor.Concat([Tensor.Zeros(0, 3), Tensor.Ones(2, 3)]), [2, 3], 1, 1, 1, 1, 1, 1);
        Assert.Equal([2, 0], Tensor.Concat([Tensor.Zeros(2, 0), Tensor.Zeros(2, 0)], 1).Shape);
    }

    [Fact]
    public void Concat_IsACopy()
    {
        var a = Range(2);
        var c = Tensor.Concat([a]);
        c.Set(9.0, 0);
        Assert.Equal(0.0, a.Get<double>(0));
    }

    [Fact]
    public void Concat_MismatchedShapes_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Concat([Range(2, 3), Range(2, 4)]));
        Assert.Contains("Concat", ex.Message);
        Assert.Contains("(2,3)", ex.Message);
        Assert.Contains("(2,4)", ex.Message);
        var rank = Assert.Throws<ArgumentException>(() => Tensor.Concat([Range(2, 3), Range(3)]));
        Assert.Contains("(3,)", rank.Message);
    }

    [Fact]
    public void Concat_BadArguments_Throw()
    {
        Assert.Contains("Concat", Assert.Throws<ArgumentException>(() => Tensor.Concat([])).Message);
        var scalar = Assert.Throws<ArgumentException>(() => Tensor.Concat([Tensor.Scalar(1.0), Tensor.Scalar(2.0)]));
        Assert.Contains("zero-dimensional", scalar.Message);
        var axis = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Concat([Range(2, 3)], 2));
        Assert.Contains("Concat", axis.Message);
        Assert.Contains("axis 2", axis.Message);
        Assert.Throws<ArgumentNullException>(() => Tensor.Concat(null!));
    }

    // ---- Stack ----

    [Fact]
    public void Stack_NewAxis()
    {
        var a = Tensor.FromArray(new[] { 1.0, 2, 3 });
        var b = Tensor.FromArray(new[] { 4.0, 5, 6 });
        AssertTensor(Tensor.Stack([a, b]), [2, 3], 1, 2, 3, 4, 5, 6);
        AssertTensor(Tensor.Stack([a, b], 1), [3, 2], 1, 4, 2, 5, 3, 6);
        AssertTensor(Tensor.Stack([a, b], -1), [3, 2], 1, 4, 2, 5, 3, 6);
        AssertTensor(Tensor.Stack([a, b], -2), [2, 3], 1, 2, 3, 4, 5, 6);
    }

    [Fact]
    public void Stack_ScalarsAndMatrices()
    {
        AssertTensor(Tensor.Stack([Tensor.Scalar(1.0), Tensor.Scalar(2.0)]), [2], 1, 2);
        var m = Range(2, 2);
        Assert.Equal([2, 2, 2], Tensor.Stack([m, m], 1).Shape);
        // np.stack([m, m + 4], axis=2)[1] -> [[2, 6], [3, 7]]
        var s = Tensor.Stack([m, Range(2, 2) + 4.0], 2);
        AssertTensor(s[1], [2, 2], 2, 6, 3, 7);
    }

    [Fact]
    public void Stack_MixedDTypes_Promote()
    {
        var s = Tensor.Stack([Tensor.FromArray(new[] { 1, 2 }), Tensor.FromArray(new[] { 0.5f, 1.5f })]);
        Assert.Equal(DType.Float32, s.DType);
        AssertTensor(s, [2, 2], 1, 2, 0.5, 1.5);
    }

    [Fact]
    public void Stack_Errors()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Stack([Range(3), Range(2)]));
        Assert.Contains("Stack", ex.Message);
        Assert.Contains("(3,)", ex.Message);
        Assert.Contains("(2,)", ex.Message);
        var axis = Assert.Throws<ArgumentOutOfRangeException>(() => Tensor.Stack([Range(3), Range(3)], 2));
        Assert.Contains("Stack", axis.Message);
        Assert.Contains("axis 2", axis.Message);
        Assert.Contains("Stack", Assert.Throws<ArgumentException>(() => Tensor.Stack([])).Message);
    }

    // ---- Split ----

    [Fact]
    public void Split_EqualSections()
    {
        var parts = Range(6).Split(3);
        Assert.Equal(3, parts.Length);
        AssertTensor(parts[0], [2], 0, 1);
        AssertTensor(parts[1], [2], 2, 3);
        AssertTensor(parts[2], [2], 4, 5);
        var one = Range(6).Split(1);
        AssertTensor(Assert.Single(one), [6], Seq(0, 6));
    }

    [Fact]
    public void Split_AlongAxis()
    {
        var parts = Range(2, 4).Split(2, 1);
        AssertTensor(parts[0], [2, 2], 0, 1, 4, 5);
        AssertTensor(parts[1], [2, 2], 2, 3, 6, 7);
        var neg = Range(2, 4).Split(4, -1);
        Assert.Equal(4, neg.Length);
        AssertTensor(neg[3], [2, 1], 3, 7);
    }

    [Fact]
    public void Split_AtIndices()
    {
        var parts = Range(6).Split([2, 5], 0);
        Assert.Equal(3, parts.Length);
        AssertTensor(parts[0], [2], 0, 1);
        AssertTensor(parts[1], [3], 2, 3, 4);
        AssertTensor(parts[2], [1], 5);
        // Indices past the end give empty parts, as slicing does in np.split.
        var past = Range(6).Split([2, 10], 0);
        AssertTensor(past[1], [4], 2, 3, 4, 5);
        AssertTensor(past[2], [0]);
        AssertTensor(Assert.Single(Range(3).Split([], 0)), [3], 0, 1, 2);
        var repeated = Range(4).Split([2, 2], 0);
        AssertTensor(repeated[1], [0]);
        AssertTensor(repeated[2], [2], 2, 3);
    }

    [Fact]
    public void Split_AtNegativeIndices_CountFromTheEnd()
    {
        // np.split(np.arange(6), [-2]) -> [array([0, 1, 2, 3]), array([4, 5])]
        var parts = Range(6).Split([-2], 0);
        AssertTensor(parts[0], [4], 0, 1, 2, 3);
        AssertTensor(parts[1], [2], 4, 5);
        // np.split(np.arange(6), [1, -1]) -> [0], [1, 2, 3, 4], [5]
        var mixed = Range(6).Split([1, -1], 0);
        AssertTensor(mixed[0], [1], 0);
        AssertTensor(mixed[1], [4], 1, 2, 3, 4);
        AssertTensor(mixed[2], [1], 5);
    }

    [Fact]
    public void Split_PartsAreViews()
    {
        var x = Range(2, 4);
        var parts = x.Split(2, 1);
        parts[1].Set(-1.0, 1, 0);
        Assert.Equal(-1.0, x.Get<double>(1, 2));
    }

    [Fact]
    public void Split_Unequal_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Range(6).Split(4));
        Assert.Contains("Split", ex.Message);
        Assert.Contains("6", ex.Message);
        Assert.Contains("4", ex.Message);
        Assert.Contains("Split", Assert.Throws<ArgumentException>(() => Range(6).Split(0)).Message);
        Assert.Contains("Split", Assert.Throws<ArgumentException>(() => Range(6).Split(-2)).Message);
        var axis = Assert.Throws<ArgumentOutOfRangeException>(() => Range(6).Split(2, 1));
        Assert.Contains("Split", axis.Message);
    }

    [Fact]
    public void Split_DecreasingIndices_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => Range(6).Split([4, 2], 0));
        Assert.Contains("Split", ex.Message);
        Assert.Contains("(4,2)", ex.Message);
    }

    [Property]
    public bool Concat_ThenSplit_GivesBackTheParts(byte a, byte b, byte c, bool alongColumns)
    {
        int[] lengths = [a % 4, b % 4 + 1, c % 3];
        int axis = alongColumns ? 1 : 0;
        var parts = lengths.Select((n, i) => (Range(alongColumns ? new[] { 2, n } : new[] { n, 2 }) + 10.0 * i)).ToArray();
        var joined = Tensor.Concat(parts, axis);
        var back = joined.Split([lengths[0], lengths[0] + lengths[1]], axis);
        return back.Length == 3 && back.Zip(parts).All(p =>
            p.First.Shape.SequenceEqual(p.Second.Shape) && p.First.ToDoubleArray().SequenceEqual(p.Second.ToDoubleArray()));
    }

    [Property]
    public bool Stack_ThenSplitAndSqueeze_GivesBackTheParts(byte count, byte axisSeed)
    {
        int n = count % 4 + 1;
        int axis = axisSeed % 3;
        var parts = Enumerable.Range(0, n).Select(i => Range(2, 3) * (double)(i + 1)).ToArray();
        var stacked = Tensor.Stack(parts, axis);
        var back = stacked.Split(n, axis).Select(p => p.Squeeze(axis)).ToArray();
        return back.Zip(parts).All(p => p.First.ToDoubleArray().SequenceEqual(p.Second.ToDoubleArray()));
    }

    // ---- Narrow ----

    [Fact]
    public void Narrow_SelectsARange()
    {
        AssertTensor(Range(10).Narrow(0, 2, 3), [3], 2, 3, 4);
        AssertTensor(Range(2, 3).Narrow(1, 1, 2), [2, 2], 1, 2, 4, 5);
        AssertTensor(Range(2, 3).Narrow(-1, 0, 1), [2, 1], 0, 3);
        AssertTensor(Range(10).Narrow(0, 10, 0), [0]);
        AssertTensor(Range(10).Narrow(0, 3, 0), [0]);
    }

    [Fact]
    public void Narrow_IsAView()
    {
        var x = Range(2, 3);
        x.Narrow(1, 1, 2).Set(50.0, 1, 1);
        Assert.Equal(50.0, x.Get<double>(1, 2));
    }

    [Fact]
    public void Narrow_OutOfRange_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Range(10).Narrow(0, 8, 5));
        Assert.Contains("Narrow", ex.Message);
        Assert.Contains("[8, 13)", ex.Message);
        Assert.Contains("10", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Range(10).Narrow(0, -1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => Range(10).Narrow(0, 1, -1));
        Assert.Contains("Narrow", Assert.Throws<ArgumentOutOfRangeException>(() => Range(10).Narrow(1, 0, 1)).Message);
    }

    // ---- Empty dimensions through every operation ----

    [Fact]
    public void EmptyDimensions_FlowThroughShapeOps()
    {
        var e = Tensor.Zeros(2, 0);
        Assert.Equal([0, 2], e.T.Shape);
        Assert.Equal([0, 2], e.T.Contiguous().Shape);
        Assert.Equal([2, 1, 0], e.ExpandDims(1).Shape);
        Assert.Equal([2, 0, 3], e.ExpandDims(-1).BroadcastTo(2, 0, 3).Shape);
        Assert.Equal([4, 0], Tensor.Concat([e, e]).Shape);
        Assert.Equal([2, 2, 0], Tensor.Stack([e, e]).Shape);
        var parts = Tensor.Zeros(0, 3).Split(3, 1);
        Assert.All(parts, p => Assert.Equal([0, 1], p.Shape));
        Assert.Empty(e.ToDoubleArray());
        Assert.Equal([2, 0], e.Copy().Shape);
        // narrowing along the non-empty axis of an empty tensor
        var n = Tensor.Zeros(0, 3).Narrow(1, 2, 1);
        Assert.Equal([0, 1], n.Shape);
        Assert.Empty(n.ToArray<float>());
        Assert.Empty(n.Contiguous().ToDoubleArray());
        Assert.All(Tensor.Zeros(0, 4).Split(2, 1), p => Assert.Empty(p.ToArray<float>()));
    }
}
