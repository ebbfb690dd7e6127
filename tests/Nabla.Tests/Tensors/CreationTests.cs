using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Tensor creation: from C# arrays and spans, scalars (0-d tensors), constant fills, Arange, Linspace and Eye,
/// with the values NumPy's documentation gives for the same calls.
/// </summary>
public class CreationTests
{
    private static void AssertTensor(Tensor t, int[] shape, params double[] expected)
    {
        Assert.Equal(shape, t.Shape);
        Assert.Equal(expected, t.ToDoubleArray());
    }

    private static void AssertClose(Tensor t, int[] shape, double tolerance, params double[] expected)
    {
        Assert.Equal(shape, t.Shape);
        var actual = t.ToDoubleArray();
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]}");
    }

    // ---- FromArray ----

    [Fact]
    public void FromArray_Float2D()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        Assert.Equal(DType.Float32, t.DType);
        Assert.Equal(2, t.NDim);
        Assert.Equal(6, t.Size);
        Assert.Equal([3, 1], t.Strides);
        Assert.True(t.IsContiguous);
        Assert.Equal(6f, t.Get<float>(1, 2));
        Assert.Equal(2f, t.Get<float>(0, 1));
        AssertTensor(t, [2, 3], 1, 2, 3, 4, 5, 6);
    }

    [Fact]
    public void FromArray_Double1D()
    {
        var t = Tensor.FromArray(new[] { 1.5, -2.5, 3.25 });
        Assert.Equal(DType.Float64, t.DType);
        AssertTensor(t, [3], 1.5, -2.5, 3.25);
        Assert.Equal([1.5, -2.5, 3.25], t.ToArray<double>());
    }

    [Fact]
    public void FromArray_Int3D()
    {
        var t = Tensor.FromArray(new int[,,] { { { 0, 1 }, { 2, 3 } }, { { 4, 5 }, { 6, 7 } }, { { 8, 9 }, { 10, 11 } } });
        Assert.Equal(DType.Int32, t.DType);
        Assert.Equal([3, 2, 2], t.Shape);
        Assert.Equal([4, 2, 1], t.Strides);
        Assert.Equal(7, t.Get<int>(1, 1, 1));
        Assert.Equal(10, t.Get<int>(2, 1, 0));
        Assert.Equal(Enumerable.Range(0, 12).ToArray(), t.ToArray<int>());
    }

    [Fact]
    public void FromArray_Long1D()
    {
        var t = Tensor.FromArray(new long[] { long.MaxValue, -1, 0 });
        Assert.Equal(DType.Int64, t.DType);
        Assert.Equal([3], t.Shape);
        Assert.Equal([long.MaxValue, -1L, 0L], t.ToArray<long>());
    }

    [Fact]
    public void FromArray_Bool2D()
    {
        var t = Tensor.FromArray(new bool[,] { { true, false }, { false, true }, { true, true } });
        Assert.Equal(DType.Bool, t.DType);
        Assert.Equal([3, 2], t.Shape);
        Assert.Equal([true, false, false, true, true, true], t.ToArray<bool>());
        AssertTensor(t, [3, 2], 1, 0, 0, 1, 1, 1);
    }

    [Fact]
    public void FromArray_CopiesTheSource()
    {
        var source = new double[] { 1, 2, 3 };
        var t = Tensor.FromArray(source);
        source[0] = 100;
        Assert.Equal(1.0, t.Get<double>(0));
    }

    [Fact]
    public void FromArray_EmptyDimensions()
    {
        AssertTensor(Tensor.FromArray(new float[0, 3]), [0, 3]);
        AssertTensor(Tensor.FromArray(new int[2, 0]), [2, 0]);
        AssertTensor(Tensor.FromArray(Array.Empty<double>()), [0]);
        Assert.Equal(0, Tensor.FromArray(new float[0, 3]).Size);
    }

    [Fact]
    public void FromArray_UnsupportedElementType_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new short[] { 1, 2 }));
        Assert.Contains("FromArray", ex.Message);
        Assert.Contains("Int16", ex.Message);
        var jagged = Assert.Throws<ArgumentException>(() => Tensor.FromArray(new[] { new[] { 1 } }));
        Assert.Contains("FromArray", jagged.Message);
        Assert.Throws<ArgumentNullException>(() => Tensor.FromArray(null!));
    }

    // ---- FromSpan ----

    [Fact]
    public void FromSpan_ShapesTheValues()
    {
        var t = Tensor.FromSpan<int>([1, 2, 3, 4, 5, 6], 3, 2);
        Assert.Equal(DType.Int32, t.DType);
        Assert.Equal(4, t.Get<int>(1, 1));
        AssertTensor(t, [3, 2], 1, 2, 3, 4, 5, 6);
        AssertTensor(Tensor.FromSpan<float>([1f, 2f], 2), [2], 1, 2);
        AssertTensor(Tensor.FromSpan<long>([], 0, 4), [0, 4]);
        Assert.Equal(DType.Bool, Tensor.FromSpan<bool>([true], 1, 1).DType);
    }

    [Fact]
    public void FromSpan_DoesNotAliasTheSource()
    {
        var source = new double[] { 1, 2 };
        var t = Tensor.FromSpan<double>(source, 2);
        source[1] = 7;
        Assert.Equal(2.0, t.Get<double>(1));
    }

    [Fact]
    public void FromSpan_WrongCount_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromSpan<double>([1, 2, 3, 4, 5], 2, 3));
        Assert.Contains("FromSpan", ex.Message);
        Assert.Contains("(2,3)", ex.Message);
        Assert.Contains("5", ex.Message);
        Assert.Contains("6", ex.Message);
    }

    [Fact]
    public void FromSpan_NegativeDimension_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.FromSpan<double>([1, 2], -1, -2));
        Assert.Contains("FromSpan", ex.Message);
        Assert.Contains("(-1,-2)", ex.Message);
    }

    [Fact]
    public void FromSpan_UnsupportedType_Throws()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Tensor.FromSpan<short>([1], 1));
        Assert.Contains("Int16", ex.Message);
    }

    // ---- Scalars ----

    [Fact]
    public void Scalar_IsZeroDimensional()
    {
        var s = Tensor.Scalar(3.5);
        Assert.Equal(0, s.NDim);
        Assert.Equal(1, s.Size);
        Assert.Empty(s.Shape);
        Assert.Empty(s.Strides);
        Assert.True(s.IsContiguous);
        Assert.Equal(DType.Float64, s.DType);
        Assert.Equal(3.5, s.Item());
        Assert.Equal(3.5, s.Item<double>());
        Assert.Equal(3.5, s.GetDouble());
        Assert.Equal(3.5, s.Get<double>());
    }

    [Fact]
    public void Scalar_WithDType_Converts()
    {
        var i = Tensor.Scalar(2.7, DType.Int32);
        Assert.Equal(DType.Int32, i.DType);
        Assert.Equal(2, i.Item<int>());
        var n = Tensor.Scalar(-2.7, DType.Int64);
        Assert.Equal(-2L, n.Item<long>());
        Assert.True(Tensor.Scalar(0.5, DType.Bool).Item<bool>());
        Assert.Equal(0.5f, Tensor.Scalar(0.5, DType.Float32).Item<float>());
    }

    [Fact]
    public void Scalar_Generic_KeepsClrType()
    {
        var i = Tensor.Scalar(7);
        Assert.Equal(DType.Int32, i.DType);
        Assert.Equal(0, i.NDim);
        Assert.Equal(7, i.Item<int>());
        Assert.Equal(DType.Int64, Tensor.Scalar(7L).DType);
        Assert.Equal(DType.Float32, Tensor.Scalar(1.5f).DType);
        var b = Tensor.Scalar(true);
        Assert.Equal(DType.Bool, b.DType);
        Assert.Equal(1.0, b.Item());
    }

    [Fact]
    public void Item_WorksForAnyOneElementShape()
    {
        Assert.Equal(4.0, Tensor.FromArray(new double[,] { { 4 } }).Item());
        Assert.Equal(9, Tensor.FromArray(new int[,,] { { { 9 } } }).Item<int>());
    }

    [Fact]
    public void Item_OnManyElements_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(2).Item());
        Assert.Contains("Item", ex.Message);
        Assert.Contains("(2,)", ex.Message);
        var empty = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(0, 3).Item());
        Assert.Contains("(0,3)", empty.Message);
    }

    [Fact]
    public void Item_WrongType_Throws()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Tensor.Scalar(1.0).Item<float>());
        Assert.Contains("Item", ex.Message);
        Assert.Contains("float64", ex.Message);
        Assert.Contains("float32", ex.Message);
    }

    // ---- Constant fills ----

    [Fact]
    public void Zeros_DefaultsToFloat32()
    {
        var z = Tensor.Zeros(2, 3);
        Assert.Equal(DType.Float32, z.DType);
        AssertTensor(z, [2, 3], 0, 0, 0, 0, 0, 0);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void ZerosOnes_EveryDType(DType dtype)
    {
        var z = Tensor.Zeros(dtype, 2, 2);
        Assert.Equal(dtype, z.DType);
        AssertTensor(z, [2, 2], 0, 0, 0, 0);
        var o = Tensor.Ones(dtype, 3);
        Assert.Equal(dtype, o.DType);
        AssertTensor(o, [3], 1, 1, 1);
    }

    [Fact]
    public void Zeros_NoShape_IsScalar()
    {
        var z = Tensor.Zeros();
        Assert.Equal(0, z.NDim);
        Assert.Equal(1, z.Size);
        Assert.Equal(0.0, z.Item());
        Assert.Equal(1.0, Tensor.Ones().Item());
    }

    [Fact]
    public void Zeros_EmptyDimensions()
    {
        AssertTensor(Tensor.Zeros(0, 3), [0, 3]);
        AssertTensor(Tensor.Ones(DType.Int32, 2, 0), [2, 0]);
        AssertTensor(Tensor.Full([0], 5.0), [0]);
    }

    [Fact]
    public void Zeros_DoesNotKeepTheShapeArray()
    {
        int[] shape = [2, 2];
        var z = Tensor.Zeros(shape);
        shape[0] = 5;
        Assert.Equal([2, 2], z.Shape);
    }

    [Fact]
    public void Zeros_NegativeDimension_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Zeros(-1, 2));
        Assert.Contains("Zeros", ex.Message);
        Assert.Contains("(-1,2)", ex.Message);
        var ones = Assert.Throws<ArgumentException>(() => Tensor.Ones(4, -1));
        Assert.Contains("Ones", ones.Message);
        Assert.Contains("(4,-1)", ones.Message);
        var full = Assert.Throws<ArgumentException>(() => Tensor.Full([3, -2], 1.0));
        Assert.Contains("Full", full.Message);
        Assert.Contains("(3,-2)", full.Message);
    }

    [Fact]
    public void Full_FillsAndConverts()
    {
        var f = Tensor.Full([2, 2], 7.5);
        Assert.Equal(DType.Float32, f.DType);
        AssertTensor(f, [2, 2], 7.5, 7.5, 7.5, 7.5);
        AssertTensor(Tensor.Full([3], 2.9, DType.Int32), [3], 2, 2, 2);
        AssertTensor(Tensor.Full([2], -2.9, DType.Int64), [2], -2, -2);
        AssertTensor(Tensor.Full([2], 0.25, DType.Bool), [2], 1, 1);
        AssertTensor(Tensor.Full([2], 0.0, DType.Bool), [2], 0, 0);
        AssertTensor(Tensor.Full([], 3.0, DType.Float64), [], 3);
    }

    [Fact]
    public void Like_FollowShapeAndDType()
    {
        var x = Tensor.FromArray(new int[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var z = Tensor.ZerosLike(x);
        Assert.Equal(DType.Int32, z.DType);
        AssertTensor(z, [2, 3], 0, 0, 0, 0, 0, 0);
        var o = Tensor.OnesLike(x);
        Assert.Equal(DType.Int32, o.DType);
        AssertTensor(o, [2, 3], 1, 1, 1, 1, 1, 1);
        var f = Tensor.FullLike(x, 4.8);
        Assert.Equal(DType.Int32, f.DType);
        AssertTensor(f, [2, 3], 4, 4, 4, 4, 4, 4);
        var fd = Tensor.FullLike(Tensor.Zeros(DType.Float64, 2), -1.25);
        AssertTensor(fd, [2], -1.25, -1.25);
    }

    [Fact]
    public void Like_OfAView_IsFreshAndContiguous()
    {
        var x = Tensor.FromArray(new double[,] { { 1, 2, 3 }, { 4, 5, 6 } });
        var z = Tensor.ZerosLike(x.T);
        Assert.Equal([3, 2], z.Shape);
        Assert.True(z.IsContiguous);
        z.Set(9.0, 0, 0);
        Assert.Equal(1.0, x.Get<double>(0, 0));
        Assert.Equal(0, Tensor.OnesLike(Tensor.Scalar(2.0)).NDim);
    }

    [Fact]
    public void Fill_WritesThroughAView()
    {
        var x = Tensor.Zeros(DType.Float64, 2, 3);
        x.T.Narrow(0, 1, 1).Fill(5);
        AssertTensor(x, [2, 3], 0, 5, 0, 0, 5, 0);
    }

    [Fact]
    public void Fill_BroadcastView_Throws()
    {
        var b = Tensor.Zeros(3).BroadcastTo(2, 3);
        var ex = Assert.Throws<InvalidOperationException>(() => b.Fill(1));
        Assert.Contains("Fill", ex.Message);
        Assert.Contains("(2,3)", ex.Message);
    }

    // ---- Arange ----

    [Fact]
    public void Arange_Integer_IsInt64()
    {
        var a = Tensor.Arange(5);
        Assert.Equal(DType.Int64, a.DType);
        Assert.Equal([0L, 1, 2, 3, 4], a.ToArray<long>());
        Assert.Equal([2L, 5, 8], Tensor.Arange(2, 10, 3).ToArray<long>());
        Assert.Equal(DType.Int64, Tensor.Arange(2, 10, 3).DType);
        Assert.Equal([-3L, -2, -1], Tensor.Arange(-3, 0).ToArray<long>());
    }

    [Fact]
    public void Arange_Integer_NegativeStep()
    {
        Assert.Equal([10L, 7, 4, 1], Tensor.Arange(10, 0, -3).ToArray<long>());
        Assert.Equal([5L, 4, 3, 2, 1], Tensor.Arange(5, 0, -1).ToArray<long>());
    }

    [Fact]
    public void Arange_Integer_Empty()
    {
        AssertTensor(Tensor.Arange(0), [0]);
        AssertTensor(Tensor.Arange(5, 5), [0]);
        AssertTensor(Tensor.Arange(5, 0), [0]);
        AssertTensor(Tensor.Arange(0, 5, -1), [0]);
        AssertTensor(Tensor.Arange(-3), [0]);
    }

    [Fact]
    public void Arange_Double_IsFloat32ByDefault()
    {
        var a = Tensor.Arange(0.0, 1.0, 0.25);
        Assert.Equal(DType.Float32, a.DType);
        AssertTensor(a, [4], 0, 0.25, 0.5, 0.75);
        var b = Tensor.Arange(1.0, 0.0, -0.5);
        AssertTensor(b, [2], 1, 0.5);
        var c = Tensor.Arange(0.5, 3.0, 1, DType.Float64);
        Assert.Equal(DType.Float64, c.DType);
        AssertTensor(c, [3], 0.5, 1.5, 2.5);
        // The count is ceil((stop - start) / step), so a partial last step still counts.
        AssertTensor(Tensor.Arange(0.0, 1.1, 0.5), [3], 0, 0.5, 1.0);
        AssertClose(Tensor.Arange(0.0, 1.0, 0.1), [10], 1e-6, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
    }

    [Fact]
    public void Arange_Double_EmptyAndIntegerDType()
    {
        AssertTensor(Tensor.Arange(1.0, 1.0), [0]);
        AssertTensor(Tensor.Arange(2.0, 1.0, 0.5), [0]);
        var i = Tensor.Arange(0.0, 3.0, 1, DType.Int32);
        Assert.Equal(DType.Int32, i.DType);
        AssertTensor(i, [3], 0, 1, 2);
    }

    [Fact]
    public void Arange_ZeroStep_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Arange(0, 5, 0));
        Assert.Contains("Arange", ex.Message);
        Assert.Contains("step", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Arange(0.0, 1.0, 0.0));
    }

    [Fact]
    public void Arange_NonFinite_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Arange(0.0, double.PositiveInfinity));
        Assert.Contains("Arange", ex.Message);
        Assert.Contains("finite", ex.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Arange(double.NaN, 1.0));
    }

    // ---- Linspace ----

    [Fact]
    public void Linspace_WithEndpoint()
    {
        var l = Tensor.Linspace(0, 1, 5);
        Assert.Equal(DType.Float32, l.DType);
        AssertTensor(l, [5], 0, 0.25, 0.5, 0.75, 1);
        AssertTensor(Tensor.Linspace(10, 0, 3), [3], 10, 5, 0);
        AssertTensor(Tensor.Linspace(2, 3, 2, dtype: DType.Float64), [2], 2, 3);
        // The last value is exactly stop even when the step is inexact.
        var thirds = Tensor.Linspace(0, 1, 4, dtype: DType.Float64).ToArray<double>();
        Assert.Equal(1.0, thirds[3]);
        Assert.Equal(1.0 / 3, thirds[1], 15);
    }

    [Fact]
    public void Linspace_WithoutEndpoint()
    {
        AssertTensor(Tensor.Linspace(0, 1, 4, endpoint: false), [4], 0, 0.25, 0.5, 0.75);
        AssertTensor(Tensor.Linspace(2, 3, 2, endpoint: false), [2], 2, 2.5);
    }

    [Fact]
    public void Linspace_ZeroAndOneSamples()
    {
        AssertTensor(Tensor.Linspace(0, 1, 0), [0]);
        AssertTensor(Tensor.Linspace(0, 1, 0, endpoint: false), [0]);
        AssertTensor(Tensor.Linspace(2, 3, 1), [1], 2);
        AssertTensor(Tensor.Linspace(2, 3, 1, endpoint: false), [1], 2);
    }

    [Fact]
    public void Linspace_IntegerDType_Truncates()
    {
        // np.linspace(0, 10, 4, dtype=int) -> [0, 3, 6, 10]
        var l = Tensor.Linspace(0, 10, 4, dtype: DType.Int64);
        Assert.Equal(DType.Int64, l.DType);
        Assert.Equal([0L, 3, 6, 10], l.ToArray<long>());
    }

    [Fact]
    public void Linspace_NegativeCount_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Linspace(0, 1, -1));
        Assert.Contains("Linspace", ex.Message);
        Assert.Contains("-1", ex.Message);
    }

    // ---- Eye ----

    [Fact]
    public void Eye_Square()
    {
        var e = Tensor.Eye(3);
        Assert.Equal(DType.Float32, e.DType);
        AssertTensor(e, [3, 3], 1, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    [Fact]
    public void Eye_NonSquare()
    {
        AssertTensor(Tensor.Eye(2, 3), [2, 3], 1, 0, 0, 0, 1, 0);
        AssertTensor(Tensor.Eye(3, 2), [3, 2], 1, 0, 0, 1, 0, 0);
    }

    [Fact]
    public void Eye_Offsets()
    {
        AssertTensor(Tensor.Eye(3, k: 1), [3, 3], 0, 1, 0, 0, 0, 1, 0, 0, 0);
        AssertTensor(Tensor.Eye(3, k: -1), [3, 3], 0, 0, 0, 1, 0, 0, 0, 1, 0);
        AssertTensor(Tensor.Eye(3, 2, k: -1), [3, 2], 0, 0, 1, 0, 0, 1);
        AssertTensor(Tensor.Eye(2, 4, k: 2), [2, 4], 0, 0, 1, 0, 0, 0, 0, 1);
        AssertTensor(Tensor.Eye(2, k: 5), [2, 2], 0, 0, 0, 0);
        AssertTensor(Tensor.Eye(2, k: -5), [2, 2], 0, 0, 0, 0);
    }

    [Fact]
    public void Eye_NegativeSize_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Eye(-1));
        Assert.Contains("Eye", ex.Message);
        Assert.Contains("(-1,-1)", ex.Message);
        Assert.Contains("(2,-3)", Assert.Throws<ArgumentException>(() => Tensor.Eye(2, -3)).Message);
    }

    [Fact]
    public void Eye_DTypeAndEmpty()
    {
        var e = Tensor.Eye(2, dtype: DType.Int64);
        Assert.Equal(DType.Int64, e.DType);
        Assert.Equal([1L, 0, 0, 1], e.ToArray<long>());
        Assert.Equal([true, false, false, true], Tensor.Eye(2, dtype: DType.Bool).ToArray<bool>());
        AssertTensor(Tensor.Eye(0), [0, 0]);
        AssertTensor(Tensor.Eye(2, 0), [2, 0]);
    }

    [Fact]
    public void CopyTo_WritesTheElementsInRowMajorOrder_AndChecksDTypeAndLength()
    {
        var t = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5, 6 }).Reshape(2, 3).Transpose(); // a strided view
        var into = new double[6];
        t.CopyTo<double>(into);
        Assert.Equal(t.ToArray<double>(), into);
        Assert.Equal("CopyTo: tensor has dtype float64, not float32 (Single)", Assert.Throws<InvalidOperationException>(() => t.CopyTo<float>(new float[6])).Message);
        Assert.StartsWith("CopyTo: the destination holds 5 elements, the tensor of shape (3,2) has 6",
            Assert.Throws<ArgumentException>(() => t.CopyTo<double>(new double[5])).Message);
    }
}
