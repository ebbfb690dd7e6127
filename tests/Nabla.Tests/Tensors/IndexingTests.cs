using FsCheck.Xunit;
using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// NumPy indexing: integers, Python slices (steps, negative steps, clamped bounds), C# ranges, NewAxis, Ellipsis,
/// integer-array and bool-mask indexing, the setter, AddAt (np.add.at), Take, element access, and the errors.
/// </summary>
public class IndexingTests
{
    private static void AssertTensor(Tensor t, int[] shape, params double[] expected)
    {
        Assert.Equal(shape, t.Shape);
        Assert.Equal(expected, t.ToDoubleArray());
    }

    /// <summary>np.arange(24).reshape(2,3,4): the element at [i,j,k] is 12i + 4j + k.</summary>
    private static Tensor X() => Tensor.Arange(24).Reshape(2, 3, 4);

    /// <summary>np.arange(12).reshape(3,4): the element at [i,j] is 4i + j.</summary>
    private static Tensor M() => Tensor.Arange(12).Reshape(3, 4);

    /// <summary>np.arange(10).</summary>
    private static Tensor Y() => Tensor.Arange(10);

    private static double[] Seq(int start, int count, int step = 1) =>
        Enumerable.Range(0, count).Select(i => (double)(start + i * step)).ToArray();

    // ---- Integers ----

    [Fact]
    public void Integer_DropsTheAxis()
    {
        var x = X();
        AssertTensor(x[1], [3, 4], Seq(12, 12));
        AssertTensor(x[0, 2], [4], 8, 9, 10, 11);
        var e = x[1, 2, 3];
        Assert.Equal(0, e.NDim);
        Assert.Equal(23.0, e.Item());
        Assert.Equal(DType.Int64, e.DType);
    }

    [Fact]
    public void Integer_NegativeCountsFromTheEnd()
    {
        var x = X();
        AssertTensor(x[-1], [3, 4], Seq(12, 12));
        AssertTensor(x[0, -1], [4], 8, 9, 10, 11);
        Assert.Equal(11.0, x[0, -1, -1].Item());
        Assert.Equal(0.0, x[-2, -3, -4].Item());
        Assert.Equal(13.0, x[-1, -3, -3].Item());
    }

    [Fact]
    public void Integer_IsAView()
    {
        var x = X();
        var row = x[1, 2];
        row.Set(-5L, 1);
        Assert.Equal(-5L, x.Get<long>(1, 2, 1));
    }

    [Fact]
    public void Integer_OutOfBounds_Throws()
    {
        var x = X();
        var ex = Assert.Throws<IndexOutOfRangeException>(() => x[2]);
        Assert.Contains("Index", ex.Message);
        Assert.Contains("index 2", ex.Message);
        Assert.Contains("axis 0", ex.Message);
        Assert.Contains("size 2", ex.Message);
        var neg = Assert.Throws<IndexOutOfRangeException>(() => x[0, -4]);
        Assert.Contains("index -4", neg.Message);
        Assert.Contains("axis 1", neg.Message);
        Assert.Contains("size 3", neg.Message);
        Assert.Throws<IndexOutOfRangeException>(() => x[0, 0, 4]);
    }

    [Fact]
    public void TooManyIndices_Throws()
    {
        var ex = Assert.Throws<IndexOutOfRangeException>(() => X()[0, 0, 0, 0]);
        Assert.Contains("Index", ex.Message);
        Assert.Contains("too many indices", ex.Message);
        Assert.Contains("(2,3,4)", ex.Message);
        Assert.Contains("4 given", ex.Message);
        var scalar = Assert.Throws<IndexOutOfRangeException>(() => Tensor.Scalar(1.0)[0]);
        Assert.Contains("dimension 0", scalar.Message);
    }

    // ---- Slices ----

    [Fact]
    public void Slice_PositiveSteps()
    {
        var y = Y();
        AssertTensor(y[new Slice(1, 8, 3)], [3], 1, 4, 7);
        AssertTensor(y[new Slice(Step: 2)], [5], 0, 2, 4, 6, 8);
        AssertTensor(y[new Slice(2, 5)], [3], 2, 3, 4);
        AssertTensor(y[new Slice(-3)], [3], 7, 8, 9);
        AssertTensor(y[new Slice(Stop: -7)], [3], 0, 1, 2);
        AssertTensor(y[new Slice(1, 9, 4)], [2], 1, 5);
        AssertTensor(y[Slice.All], [10], Seq(0, 10));
    }

    [Fact]
    public void Slice_NegativeSteps()
    {
        var y = Y();
        AssertTensor(y[new Slice(Step: -1)], [10], Seq(9, 10, -1));
        AssertTensor(y[new Slice(5, 1, -2)], [2], 5, 3);
        AssertTensor(y[new Slice(3, null, -1)], [4], 3, 2, 1, 0);
        AssertTensor(y[new Slice(null, 5, -2)], [2], 9, 7);
        AssertTensor(y[new Slice(-1, -4, -1)], [3], 9, 8, 7);
        AssertTensor(y[new Slice(8, 0, -3)], [3], 8, 5, 2);
        AssertTensor(y[new Slice(Step: -4)], [3], 9, 5, 1);
    }

    [Fact]
    public void Slice_OutOfRangeBoundsClamp()
    {
        var y = Y();
        AssertTensor(y[new Slice(-100, 100)], [10], Seq(0, 10));
        AssertTensor(y[new Slice(100)], [0]);
        AssertTensor(y[new Slice(Stop: -100)], [0]);
        AssertTensor(y[new Slice(8, 2)], [0]);
        AssertTensor(y[new Slice(100, null, -1)], [10], Seq(9, 10, -1));
        AssertTensor(y[new Slice(null, -100, -1)], [10], Seq(9, 10, -1));
        AssertTensor(y[new Slice(-100, null, -1)], [0]);
        AssertTensor(y[new Slice(2, 8, -1)], [0]);
        AssertTensor(y[new Slice(15, 5, -2)], [2], 9, 7);
    }

    [Fact]
    public void Slice_HugeSteps()
    {
        var y = Y();
        AssertTensor(y[new Slice(Step: int.MaxValue)], [1], 0);
        AssertTensor(y[new Slice(Step: -int.MaxValue)], [1], 9);
        AssertTensor(y[new Slice(Step: int.MinValue)], [1], 9);
        AssertTensor(y[new Slice(int.MinValue, int.MaxValue)], [10], Seq(0, 10));
        AssertTensor(y[new Slice(int.MaxValue, int.MinValue, -1)], [10], Seq(9, 10, -1));
    }

    [Fact]
    public void Slice_OnEmptyAxis()
    {
        var e = Tensor.Zeros(0);
        AssertTensor(e[new Slice(Step: -1)], [0]);
        AssertTensor(e[new Slice(1, 3)], [0]);
        Assert.Equal([2, 0], Tensor.Zeros(2, 3)[.., 3..].Shape);
    }

    [Fact]
    public void Integer_IntoTensorWithEmptyAxis()
    {
        var e = Tensor.Zeros(3, 0);
        var row = e[2];
        Assert.Equal([0], row.Shape);
        Assert.Empty(row.ToArray<float>());
        Assert.Empty(row.ToDoubleArray());
        Assert.Equal([0], row.Copy().Shape);
        Assert.Equal([0], row.AsType(DType.Int32).Shape);
        Assert.Equal([1, 0], e[1..][TensorIndex.Ellipsis, new Slice(Step: -1)][1..].Shape);
        Assert.Equal([2, 0], Tensor.Zeros(2, 3, 0)[.., 2].Shape);
        Assert.Empty(Tensor.Zeros(2, 3, 0)[.., 2].ToDoubleArray());
        Assert.Equal([0], Tensor.Zeros(2, 0).Take(Tensor.FromArray(new[] { 1 })).Reshape(-1).Shape);
        Assert.Empty(Tensor.Zeros(0, 5)[.., 3..].ToArray<float>());
        Assert.Empty(Tensor.Zeros(0, 5)[.., new[] { 4 }].ToArray<float>());
        var target = Tensor.Zeros(3, 0);
        target[2] = Tensor.Scalar(1.0);
        target.AddAt(Tensor.Scalar(1.0), new[] { 2, 2 });
    }

    [Fact]
    public void Slice_ZeroStep_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Y()[new Slice(Step: 0)]);
        Assert.Contains("Index", ex.Message);
        Assert.Contains("step", ex.Message);
    }

    [Fact]
    public void Slice_MultipleAxes()
    {
        var m = M();
        AssertTensor(m[1.., ..2], [2, 2], 4, 5, 8, 9);
        AssertTensor(m[.., 1], [3], 1, 5, 9);
        AssertTensor(m[new Slice(Step: -1), new Slice(Step: 2)], [3, 2], 8, 10, 4, 6, 0, 2);
        AssertTensor(m[new Slice(Step: -1), new Slice(Step: -1)], [3, 4], Seq(11, 12, -1));
        AssertTensor(m[1, new Slice(3, 0, -1)], [3], 7, 6, 5);
    }

    [Fact]
    public void Slice_IsAViewSharingStorage()
    {
        var y = Y();
        y[2..5].Set(99L, 0);
        Assert.Equal(99L, y.Get<long>(2));
        y[new Slice(Step: -1)].Set(-1L, 0);
        Assert.Equal(-1L, y.Get<long>(9));
        y[new Slice(1, null, 3)].Set(-7L, 2);
        Assert.Equal(-7L, y.Get<long>(7));
    }

    [Fact]
    public void Slice_ToString_IsPython()
    {
        Assert.Equal("1:5:2", new Slice(1, 5, 2).ToString());
        Assert.Equal(":", Slice.All.ToString());
        Assert.Equal("::-1", new Slice(Step: -1).ToString());
    }

    [Property]
    public bool Slice_MatchesPythonSemantics(sbyte start, sbyte stop, sbyte step, bool hasStart, bool hasStop, byte length)
    {
        int n = length % 12;
        int s = step % 5;
        if (s == 0) s = 1;
        int? a = hasStart ? start % 15 : null;
        int? b = hasStop ? stop % 15 : null;
        var got = Tensor.Arange(n)[new Slice(a, b, s)].ToArray<long>();
        return got.SequenceEqual(PythonSlice(n, a, b, s));
    }

    /// <summary>CPython's PySlice_AdjustIndices, written out.</summary>
    private static IEnumerable<long> PythonSlice(int n, int? start, int? stop, int step)
    {
        int lo = step < 0 ? -1 : 0, hi = step < 0 ? n - 1 : n;
        int Adjust(int? v, int dflt)
        {
            if (v is not int i) return dflt;
            if (i < 0) { i += n; if (i < lo) i = lo; }
            else if (i > hi) i = hi;
            return i;
        }
        int st = Adjust(start, step < 0 ? n - 1 : 0), sp = Adjust(stop, step < 0 ? -1 : n);
        var result = new List<long>();
        for (int i = st; step > 0 ? i < sp : i > sp; i += step) result.Add(i);
        return result;
    }

    // ---- C# ranges ----

    [Fact]
    public void Range_ActsAsASlice()
    {
        var y = Y();
        AssertTensor(y[1..3], [2], 1, 2);
        AssertTensor(y[^2..], [2], 8, 9);
        AssertTensor(y[..^1], [9], Seq(0, 9));
        AssertTensor(y[..], [10], Seq(0, 10));
        AssertTensor(y[^3..^1], [2], 7, 8);
        AssertTensor(y[3..1], [0]);
        AssertTensor(y[^0..], [0]);
        AssertTensor(y[..^0], [10], Seq(0, 10));
        AssertTensor(y[5..100], [5], Seq(5, 5));
        AssertTensor(y[^100..2], [2], 0, 1);
    }

    // ---- NewAxis and Ellipsis ----

    [Fact]
    public void NewAxis_InsertsLengthOneAxes()
    {
        var v = Tensor.Arange(3);
        AssertTensor(v[TensorIndex.NewAxis], [1, 3], 0, 1, 2);
        AssertTensor(v[.., TensorIndex.NewAxis], [3, 1], 0, 1, 2);
        Assert.Equal([1, 3, 1, 4], M()[TensorIndex.NewAxis, .., TensorIndex.NewAxis].Shape);
        Assert.Equal([1, 1], Tensor.Scalar(2.0)[TensorIndex.NewAxis, TensorIndex.NewAxis].Shape);
        AssertTensor(M()[1, TensorIndex.NewAxis, 2..], [1, 2], 6, 7);
    }

    [Fact]
    public void Ellipsis_StandsForFullSlices()
    {
        var x = X();
        AssertTensor(x[TensorIndex.Ellipsis, 0], [2, 3], 0, 4, 8, 12, 16, 20);
        AssertTensor(x[0, TensorIndex.Ellipsis], [3, 4], Seq(0, 12));
        AssertTensor(x[TensorIndex.Ellipsis, 1, 2], [2], 6, 18);
        AssertTensor(x[0, TensorIndex.Ellipsis, 1], [3], 1, 5, 9);
        AssertTensor(x[1, 2, TensorIndex.Ellipsis, 3], [], 23);
        Assert.Equal([2, 3, 4], x[TensorIndex.Ellipsis].Shape);
        Assert.Equal([1, 2, 3, 4, 1], x[TensorIndex.NewAxis, TensorIndex.Ellipsis, TensorIndex.NewAxis].Shape);
        AssertTensor(Tensor.Scalar(5.0)[TensorIndex.Ellipsis], [], 5);
    }

    [Fact]
    public void Ellipsis_TwoOfThem_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => X()[TensorIndex.Ellipsis, 0, TensorIndex.Ellipsis]);
        Assert.Contains("Index", ex.Message);
        Assert.Contains("ellipsis", ex.Message);
    }

    [Fact]
    public void TensorIndex_ToString()
    {
        Assert.Equal("3", ((TensorIndex)3).ToString());
        Assert.Equal("1:4", ((TensorIndex)(1..4)).ToString());
        Assert.Equal("array(2,)", ((TensorIndex)new[] { 1, 2 }).ToString());
        Assert.Equal("newaxis", TensorIndex.NewAxis.ToString());
        Assert.Equal("...", TensorIndex.Ellipsis.ToString());
    }

    // ---- Integer arrays ----

    [Fact]
    public void Array_OnFirstAxis()
    {
        var y = Y();
        AssertTensor(y[new[] { 3, 1, -1 }], [3], 3, 1, 9);
        AssertTensor(y[new long[] { 0, 0 }], [2], 0, 0);
        AssertTensor(y[Tensor.FromArray(new[] { 4L, -10 })], [2], 4, 0);
        AssertTensor(M()[new[] { 2, 0 }], [2, 4], 8, 9, 10, 11, 0, 1, 2, 3);
        AssertTensor(y[Array.Empty<int>()], [0]);
    }

    [Fact]
    public void Array_IsACopy()
    {
        var y = Y();
        var picked = y[new[] { 1, 2 }];
        picked.Set(100L, 0);
        Assert.Equal(1L, y.Get<long>(1));
    }

    [Fact]
    public void Array_OnLaterAxes()
    {
        AssertTensor(M()[.., new[] { 3, 0 }], [3, 2], 3, 0, 7, 4, 11, 8);
        var x = X();
        var mid = x[.., new[] { 2, 0 }];
        Assert.Equal([2, 2, 4], mid.Shape);
        AssertTensor(mid[1, 0], [4], 20, 21, 22, 23);
        AssertTensor(x[TensorIndex.Ellipsis, new[] { -1 }], [2, 3, 1], 3, 7, 11, 15, 19, 23);
        AssertTensor(x[.., 1.., new[] { 0, 0 }], [2, 2, 2], 4, 4, 8, 8, 16, 16, 20, 20);
    }

    [Fact]
    public void Array_TwoDimensional_ShapeFollowsNumPy()
    {
        var idx = Tensor.FromArray(new long[,] { { 0, 1 }, { 2, 3 } });
        AssertTensor(Y()[idx], [2, 2], 0, 1, 2, 3);
        // m[:, [[0,3],[1,1]]] has shape (3, 2, 2): m[r] -> [[4r, 4r+3], [4r+1, 4r+1]]
        var cols = Tensor.FromArray(new[,] { { 0, 3 }, { 1, 1 } });
        AssertTensor(M()[.., cols], [3, 2, 2], 0, 3, 1, 1, 4, 7, 5, 5, 8, 11, 9, 9);
        // x[:, [[0,2],[1,1]]] has shape (2, 2, 2, 4)
        Assert.Equal([2, 2, 2, 4], X()[.., Tensor.FromArray(new[,] { { 0, 2 }, { 1, 1 } })].Shape);
        // a 0-d index array drops the axis like an integer
        AssertTensor(M()[Tensor.Scalar(1L)], [4], 4, 5, 6, 7);
    }

    [Fact]
    public void Array_WithAdjacentInteger_KeepsItsPlace()
    {
        var x = X();
        // x[1, [0,2]] -> rows x[1,0] and x[1,2]
        AssertTensor(x[1, new[] { 0, 2 }], [2, 4], 12, 13, 14, 15, 20, 21, 22, 23);
        // x[:, 1, [0,3]]: the integer and the array are adjacent, so their axis stays in place: (2, 2)
        AssertTensor(x[.., 1, new[] { 0, 3 }], [2, 2], 4, 7, 16, 19);
        // x[[1,0], 2] -> (2, 4)
        AssertTensor(x[new[] { 1, 0 }, 2], [2, 4], 20, 21, 22, 23, 8, 9, 10, 11);
    }

    [Fact]
    public void Array_SeparatedFromIntegerBySlice_GoesFirst()
    {
        var x = X();
        // NumPy: x[0, :, [0,1]].shape == (2, 3), element [a, j] = x[0, j, idx[a]]
        AssertTensor(x[0, .., new[] { 0, 1 }], [2, 3], 0, 4, 8, 1, 5, 9);
        // x[[1,0], :, 2] -> (2, 3), element [a, j] = x[idx[a], j, 2]
        AssertTensor(x[new[] { 1, 0 }, .., 2], [2, 3], 14, 18, 22, 2, 6, 10);
        // with a 2-D index array: x[0, :, [[0],[3]]].shape == (2, 1, 3)
        AssertTensor(x[0, .., Tensor.FromArray(new[,] { { 0 }, { 3 } })], [2, 1, 3], 0, 4, 8, 3, 7, 11);
        // x[1, 1:, [1,2]]: the integer and the array are separated by the slice, so the array's axis goes first
        AssertTensor(x[1, 1.., new[] { 1, 2 }], [2, 2], 17, 21, 18, 22);
    }

    [Fact]
    public void Array_OutOfBounds_Throws()
    {
        var ex = Assert.Throws<IndexOutOfRangeException>(() => Y()[new[] { 10 }]);
        Assert.Contains("Index", ex.Message);
        Assert.Contains("index 10", ex.Message);
        Assert.Contains("size 10", ex.Message);
        var neg = Assert.Throws<IndexOutOfRangeException>(() => M()[.., new[] { 0, -5 }]);
        Assert.Contains("index -5", neg.Message);
        Assert.Contains("axis 1", neg.Message);
        Assert.Contains("size 4", neg.Message);
    }

    [Fact]
    public void Array_FloatIndices_Throw()
    {
        var ex = Assert.Throws<ArgumentException>(() => Y()[Tensor.FromArray(new[] { 0f, 1f })]);
        Assert.Contains("Index", ex.Message);
        Assert.Contains("float32", ex.Message);
        Assert.Contains("integer", ex.Message);
        var d = Assert.Throws<ArgumentException>(() => Y()[Tensor.FromArray(new[] { 0.0 })]);
        Assert.Contains("float64", d.Message);
    }

    [Fact]
    public void Array_TwoArrays_ArePaired()
    {
        var y = M()[new[] { 0, 2 }, new[] { 1, 3 }];
        Assert.Equal(new long[] { 1, 11 }, y.ToArray<long>());
    }

    [Property]
    public bool Array_MatchesTakeAndElementwiseReads(byte seed, byte count)
    {
        var rng = new Generator(seed);
        int n = count % 6;
        var idx = Enumerable.Range(0, n).Select(_ => (int)rng.NextInt64(-4, 4)).ToArray();
        var m = M();
        var got = m[.., idx];
        bool ok = got.Shape.SequenceEqual(new[] { 3, n });
        for (int r = 0; r < 3; r++)
            for (int a = 0; a < n; a++)
                ok &= got.Get<long>(r, a) == m.Get<long>(r, idx[a]);
        return ok;
    }

    // ---- Bool masks ----

    [Fact]
    public void Mask_OneDimensional()
    {
        var y = Tensor.Arange(6);
        var mask = Tensor.FromArray(new[] { true, false, true, false, false, true });
        AssertTensor(y[mask], [3], 0, 2, 5);
        AssertTensor(y[Tensor.Zeros(DType.Bool, 6)], [0]);
    }

    [Fact]
    public void Mask_TwoDimensional_SelectsInRowMajorOrder()
    {
        var m = M();
        var mask = Tensor.FromArray(new bool[,]
        {
            { true, false, false, true },
            { false, false, true, false },
            { false, true, false, false },
        });
        AssertTensor(m[mask], [4], 0, 3, 6, 9);
        // of a transposed view: m.T[m.T % 5 == 0] in the view's own row-major order -> [0, 5, 10]
        var t = m.T;
        var tmask = Tensor.FromArray(new bool[,]
        {
            { true, false, false }, { false, true, false }, { false, false, true }, { false, false, false },
        });
        AssertTensor(t[tmask], [3], 0, 5, 10);
    }

    [Fact]
    public void Mask_WrongShape_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Y()[Tensor.FromArray(new[] { true, false })]);
        Assert.Contains("Index", ex.Message);
        Assert.Contains("(2,)", ex.Message);
        Assert.Contains("(10,)", ex.Message);
    }

    [Fact]
    public void Mask_Setter_AndAddAt()
    {
        var z = Tensor.Zeros(DType.Float64, 2, 2);
        var mask = Tensor.FromArray(new bool[,] { { true, false }, { false, true } });
        z[mask] = Tensor.Scalar(3.0);
        AssertTensor(z, [2, 2], 3, 0, 0, 3);
        z[mask] = Tensor.FromArray(new[] { 1.0, 2.0 });
        AssertTensor(z, [2, 2], 1, 0, 0, 2);
        z.AddAt(Tensor.Scalar(10.0), mask);
        AssertTensor(z, [2, 2], 11, 0, 0, 12);
    }

    [Fact]
    public void Mask_WriteIntoNonContiguous_Throws()
    {
        var z = Tensor.Zeros(DType.Float64, 2, 2);
        var mask = Tensor.FromArray(new bool[,] { { true, false }, { false, true } });
        var ex = Assert.Throws<NotSupportedException>(() => z.T[mask] = Tensor.Scalar(1.0));
        Assert.Contains("Index", ex.Message);
        Assert.Contains("Contiguous", ex.Message);
    }

    // ---- Setter ----

    [Fact]
    public void Setter_SliceWithScalar()
    {
        var y = Tensor.Zeros(DType.Float64, 5);
        y[1..3] = Tensor.Scalar(5.0);
        AssertTensor(y, [5], 0, 5, 5, 0, 0);
        y[new Slice(Step: -2)] = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 });
        AssertTensor(y, [5], 3, 5, 2, 0, 1);
    }

    [Fact]
    public void Setter_Broadcasts()
    {
        var m = Tensor.Zeros(DType.Float64, 3, 4);
        m[.., 0] = Tensor.FromArray(new[] { 1.0, 2, 3 });
        m[1] = Tensor.FromArray(new[] { 7.0, 8, 9, 10 });
        AssertTensor(m, [3, 4], 1, 0, 0, 0, 7, 8, 9, 10, 3, 0, 0, 0);
        m[TensorIndex.Ellipsis] = Tensor.FromArray(new[] { 1.0, 2, 3, 4 });
        AssertTensor(m, [3, 4], 1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4);
        m[.., 2..] = Tensor.FromArray(new double[,] { { -1 }, { -2 }, { -3 } });
        AssertTensor(m, [3, 4], 1, 2, -1, -1, 1, 2, -2, -2, 1, 2, -3, -3);
    }

    [Fact]
    public void Setter_ConvertsTheValueDType()
    {
        var i = Tensor.Zeros(DType.Int32, 3);
        i[..] = Tensor.Scalar(2.9);
        Assert.Equal([2, 2, 2], i.ToArray<int>());
        var f = Tensor.Zeros(2);
        f[0] = Tensor.Scalar(true);
        Assert.Equal([1f, 0f], f.ToArray<float>());
    }

    [Fact]
    public void Setter_IncompatibleValue_Throws()
    {
        var m = Tensor.Zeros(DType.Float64, 3, 4);
        var ex = Assert.Throws<ArgumentException>(() => m[0] = Tensor.FromArray(new[] { 1.0, 2, 3 }));
        Assert.Contains("(3,)", ex.Message);
        Assert.Contains("(4,)", ex.Message);
        Assert.Throws<ArgumentNullException>(() => m[0] = null!);
    }

    [Fact]
    public void Setter_ThroughArrayIndices()
    {
        var y = Tensor.Zeros(DType.Float64, 5);
        y[new[] { 0, 2 }] = Tensor.FromArray(new[] { 7.0, 8.0 });
        AssertTensor(y, [5], 7, 0, 8, 0, 0);
        y[new[] { -1 }] = Tensor.Scalar(4.0);
        AssertTensor(y, [5], 7, 0, 8, 0, 4);
        var m = Tensor.Zeros(DType.Float64, 3, 4);
        m[.., new[] { 0, 2 }] = Tensor.Scalar(1.0);
        AssertTensor(m, [3, 4], 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0);
        m[new[] { 2 }] = Tensor.FromArray(new[] { 5.0, 6, 7, 8 });
        AssertTensor(m[2], [4], 5, 6, 7, 8);
    }

    [Fact]
    public void Setter_RepeatedIndices_LastWriteWins()
    {
        var y = Tensor.Zeros(DType.Float64, 3);
        y[new[] { 1, 1 }] = Tensor.FromArray(new[] { 3.0, 4.0 });
        AssertTensor(y, [3], 0, 4, 0);
    }

    [Fact]
    public void Setter_ArraysGoFirst_ValueFollowsTheResultShape()
    {
        var x = Tensor.Zeros(DType.Float64, 2, 3, 4);
        // x[0, :, [0,1]] has shape (2, 3); element [a, j] is x[0, j, idx[a]]
        x[0, .., new[] { 0, 1 }] = Tensor.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        AssertTensor(x[0], [3, 4], 1, 4, 0, 0, 2, 5, 0, 0, 3, 6, 0, 0);
        AssertTensor(x[1], [3, 4], new double[12]);
    }

    [Fact]
    public void Setter_ValueSharingStorage_IsReadBeforeWriting()
    {
        // NumPy: y[1:] = y[:-1] shifts; m[...] = m.T transposes; x[[1,0]] = x swaps rows.
        var y = Tensor.Arange(5);
        y[1..] = y[..^1];
        Assert.Equal([0L, 0, 1, 2, 3], y.ToArray<long>());
        var m = Tensor.Arange(4).Reshape(2, 2);
        m[TensorIndex.Ellipsis] = m.T;
        Assert.Equal([0L, 2, 1, 3], m.ToArray<long>());
        var x = Tensor.Arange(6).Reshape(3, 2);
        x[new[] { 1, 0 }] = x[..2];
        Assert.Equal([2L, 3, 0, 1, 4, 5], x.ToArray<long>());
        var z = Tensor.Arange(3);
        z.AddAt(z, new[] { 1, 2, 0 });
        Assert.Equal([2L, 1, 3], z.ToArray<long>());
    }

    [Fact]
    public void Setter_ArrayValueWrongShape_Throws()
    {
        var y = Tensor.Zeros(DType.Float64, 5);
        var ex = Assert.Throws<ArgumentException>(() => y[new[] { 0, 1 }] = Tensor.FromArray(new[] { 1.0, 2, 3 }));
        Assert.Contains("SetItem", ex.Message);
        Assert.Contains("(3,)", ex.Message);
        Assert.Contains("(2,)", ex.Message);
        var bounds = Assert.Throws<IndexOutOfRangeException>(() => y[new[] { 5 }] = Tensor.Scalar(1.0));
        Assert.Contains("index 5", bounds.Message);
    }

    // ---- AddAt ----

    [Fact]
    public void AddAt_AccumulatesRepeatedIndices()
    {
        // z = np.zeros(3); np.add.at(z, [0, 0, 2], 1) -> [2, 0, 1]
        var z = Tensor.Zeros(DType.Float64, 3);
        z.AddAt(Tensor.Scalar(1.0), new[] { 0, 0, 2 });
        AssertTensor(z, [3], 2, 0, 1);
        z.AddAt(Tensor.FromArray(new[] { 1.0, 2, 3 }), new[] { 1, 1, 1 });
        AssertTensor(z, [3], 2, 6, 1);
        z.AddAt(Tensor.FromArray(new[] { 10.0, 20 }), new[] { -1, 2 });
        AssertTensor(z, [3], 2, 6, 31);
    }

    [Fact]
    public void AddAt_Rows()
    {
        var z = Tensor.Zeros(DType.Float32, 3, 2);
        z.AddAt(Tensor.FromArray(new[] { 1f, 2f }), new[] { 0, 2, 0 });
        AssertTensor(z, [3, 2], 2, 4, 0, 0, 1, 2);
        var w = Tensor.Zeros(DType.Int64, 4, 2);
        var idx = Tensor.FromArray(new long[,] { { 0, 1 }, { 1, 3 } });
        w.AddAt(Tensor.FromArray(new long[,,] { { { 1, 1 }, { 2, 2 } }, { { 3, 3 }, { 4, 4 } } }), idx);
        AssertTensor(w, [4, 2], 1, 1, 5, 5, 0, 0, 4, 4);
    }

    [Fact]
    public void AddAt_OnLaterAxisAndArraysFirst()
    {
        var x = Tensor.Zeros(DType.Float64, 2, 3, 4);
        x.AddAt(Tensor.Scalar(1.0), 0, Slice.All, new[] { 1, 1 });
        AssertTensor(x[0, .., 1], [3], 2, 2, 2);
        Assert.Equal(6.0, x.ToDoubleArray().Sum());
        var m = Tensor.Zeros(DType.Float64, 2, 3);
        m.AddAt(Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }), .., new[] { 2, 2 });
        AssertTensor(m, [2, 3], 0, 0, 3, 0, 0, 7);
    }

    [Fact]
    public void AddAt_BasicIndex_AddsOnce()
    {
        var z = Tensor.Zeros(DType.Float64, 4);
        z.AddAt(Tensor.Scalar(1.5), 1..3);
        z.AddAt(Tensor.Scalar(1.0), 2);
        AssertTensor(z, [4], 0, 1.5, 2.5, 0);
    }

    [Fact]
    public void AddAt_Errors()
    {
        var z = Tensor.Zeros(DType.Float64, 3);
        var shape = Assert.Throws<ArgumentException>(() => z.AddAt(Tensor.FromArray(new[] { 1.0, 2 }), new[] { 0, 1, 2 }));
        Assert.Contains("AddAt", shape.Message);
        Assert.Contains("(2,)", shape.Message);
        Assert.Contains("(3,)", shape.Message);
        Assert.Throws<IndexOutOfRangeException>(() => z.AddAt(Tensor.Scalar(1.0), new[] { 3 }));
        Assert.Throws<ArgumentNullException>(() => z.AddAt(null!, 0));
        Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(DType.Bool, 2).AddAt(Tensor.Scalar(true), new[] { 0 }));
    }

    [Property]
    public bool AddAt_EqualsCountingHistogram(byte seed, byte count)
    {
        var rng = new Generator(seed);
        int n = count % 20;
        var idx = Enumerable.Range(0, n).Select(_ => rng.NextInt64(-5, 5)).ToArray();
        var z = Tensor.Zeros(DType.Int64, 5);
        z.AddAt(Tensor.Scalar(1L), idx);
        var expected = new long[5];
        foreach (long i in idx) expected[i < 0 ? i + 5 : i]++;
        return z.ToArray<long>().SequenceEqual(expected);
    }

    // ---- Take ----

    [Fact]
    public void Take_AlongAxes()
    {
        var m = M();
        AssertTensor(m.Take(Tensor.FromArray(new long[] { 2, 0 })), [2, 4], 8, 9, 10, 11, 0, 1, 2, 3);
        AssertTensor(m.Take(Tensor.FromArray(new long[] { 2, 0 }), 1), [3, 2], 2, 0, 6, 4, 10, 8);
        AssertTensor(m.Take(Tensor.FromArray(new[] { -1 }), -1), [3, 1], 3, 7, 11);
        AssertTensor(m.Take(Tensor.FromArray(new[,] { { 0, 1 }, { 1, 0 } })), [2, 2, 4],
            0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7, 0, 1, 2, 3);
        AssertTensor(m.Take(Tensor.Scalar(1), 1), [3], 1, 5, 9);
        AssertTensor(m.Take(Tensor.FromArray(Array.Empty<long>())), [0, 4]);
    }

    [Fact]
    public void Take_OfAView()
    {
        var t = M().T; // (4, 3), not contiguous
        AssertTensor(t.Take(Tensor.FromArray(new[] { 3, 1 })), [2, 3], 3, 7, 11, 1, 5, 9);
        var sliced = M()[1..]; // contiguous with an offset
        AssertTensor(sliced.Take(Tensor.FromArray(new[] { 1, 0 })), [2, 4], 8, 9, 10, 11, 4, 5, 6, 7);
    }

    [Fact]
    public void Take_Errors()
    {
        var m = M();
        var ex = Assert.Throws<IndexOutOfRangeException>(() => m.Take(Tensor.FromArray(new[] { 3 })));
        Assert.Contains("Take", ex.Message);
        Assert.Contains("index 3", ex.Message);
        Assert.Contains("size 3", ex.Message);
        var f = Assert.Throws<ArgumentException>(() => m.Take(Tensor.FromArray(new[] { 1.0 })));
        Assert.Contains("Take", f.Message);
        Assert.Contains("float64", f.Message);
        var b = Assert.Throws<ArgumentException>(() => m.Take(Tensor.FromArray(new[] { true })));
        Assert.Contains("bool", b.Message);
        var axis = Assert.Throws<ArgumentOutOfRangeException>(() => m.Take(Tensor.FromArray(new[] { 0 }), 2));
        Assert.Contains("Take", axis.Message);
        Assert.Contains("axis 2", axis.Message);
    }

    // ---- Element access ----

    [Fact]
    public void GetSet_WithNegativeIndices()
    {
        var m = M();
        Assert.Equal(11L, m.Get<long>(-1, -1));
        Assert.Equal(4L, m.Get<long>(1, -4));
        m.Set(100L, -1, 0);
        Assert.Equal(100L, m.Get<long>(2, 0));
        Assert.Equal(100.0, m.GetDouble(-1, -4));
        m.SetDouble(-3.7, 0, -1);
        Assert.Equal(-3L, m.Get<long>(0, 3));
        Assert.Equal(4, m.Dim(-1));
        Assert.Equal(3, m.Dim(-2));
        Assert.Equal(4, m.Dim(1));
        Assert.Equal(3, m.Dim(0));
    }

    [Fact]
    public void GetSet_OnViews()
    {
        var m = M();
        var v = m[new Slice(Step: -1), 1..];
        Assert.Equal(9L, v.Get<long>(0, 0));
        v.Set(-1L, 2, 2);
        Assert.Equal(-1L, m.Get<long>(0, 3));
        var b = Tensor.FromArray(new[] { 1.0, 2 }).BroadcastTo(3, 2);
        Assert.Equal(2.0, b.GetDouble(2, 1));
    }

    [Fact]
    public void GetSet_OutOfBounds_Throws()
    {
        var m = M();
        var ex = Assert.Throws<IndexOutOfRangeException>(() => m.Get<long>(3, 0));
        Assert.Contains("Get", ex.Message);
        Assert.Contains("index 3", ex.Message);
        Assert.Contains("axis 0", ex.Message);
        Assert.Contains("size 3", ex.Message);
        var set = Assert.Throws<IndexOutOfRangeException>(() => m.Set(1L, 0, -5));
        Assert.Contains("Set", set.Message);
        Assert.Contains("index -5", set.Message);
        Assert.Contains("axis 1", set.Message);
        Assert.Contains("GetDouble", Assert.Throws<IndexOutOfRangeException>(() => m.GetDouble(0, 4)).Message);
        Assert.Contains("SetDouble", Assert.Throws<IndexOutOfRangeException>(() => m.SetDouble(1, 5, 0)).Message);
        var dim = Assert.Throws<ArgumentOutOfRangeException>(() => m.Dim(2));
        Assert.Contains("Dim", dim.Message);
    }

    [Fact]
    public void GetSet_WrongIndexCount_Throws()
    {
        var m = M();
        var ex = Assert.Throws<ArgumentException>(() => m.Get<long>(1));
        Assert.Contains("Get", ex.Message);
        Assert.Contains("1 indices", ex.Message);
        Assert.Contains("dimension 2", ex.Message);
        Assert.Contains("Set", Assert.Throws<ArgumentException>(() => m.Set(1L, 0, 0, 0)).Message);
        Assert.Contains("GetDouble", Assert.Throws<ArgumentException>(() => m.GetDouble()).Message);
    }
}
