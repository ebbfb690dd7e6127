using FsCheck.Xunit;
using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// dtypes and AsType between every pair: floats to integers truncate toward zero (NumPy's astype), anything to
/// Bool is "not zero", Bool to numbers is 1 or 0; plus the facts each dtype carries and typed element access.
/// </summary>
public class DTypeTests
{
    private static readonly DType[] All = [DType.Bool, DType.Int32, DType.Int64, DType.Float32, DType.Float64];

    public static TheoryData<DType, DType> Pairs()
    {
        var data = new TheoryData<DType, DType>();
        foreach (var a in All)
            foreach (var b in All)
                data.Add(a, b);
        return data;
    }

    /// <summary>A (2,3) tensor of <paramref name="dtype"/> with values every dtype holds exactly: 0, 1, 2, 3, 4, 5 (or their truth).</summary>
    private static Tensor Small(DType dtype) =>
        Tensor.FromArray(new double[,] { { 0, 1, 2 }, { 3, 4, 5 } }).AsType(dtype);

    [Theory]
    [MemberData(nameof(Pairs))]
    public void AsType_EveryPair_KeepsShapeAndExactValues(DType from, DType to)
    {
        var x = Small(from);
        var y = x.AsType(to);
        Assert.Equal(to, y.DType);
        Assert.Equal([2, 3], y.Shape);
        Assert.True(y.IsContiguous);
        double[] expected = from == DType.Bool || to == DType.Bool ? [0, 1, 1, 1, 1, 1] : [0, 1, 2, 3, 4, 5];
        Assert.Equal(expected, y.ToDoubleArray());
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void AsType_EveryPair_OfATransposedView(DType from, DType to)
    {
        var y = Small(from).T.AsType(to);
        Assert.Equal([3, 2], y.Shape);
        double[] expected = from == DType.Bool || to == DType.Bool ? [0, 1, 1, 1, 1, 1] : [0, 3, 1, 4, 2, 5];
        Assert.Equal(expected, y.ToDoubleArray());
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public void AsType_EveryPair_OfAScalarAndEmpty(DType from, DType to)
    {
        var s = Tensor.Scalar(1.0, from).AsType(to);
        Assert.Equal(0, s.NDim);
        Assert.Equal(1.0, s.Item());
        var e = Tensor.Zeros(from, 0, 3).AsType(to);
        Assert.Equal([0, 3], e.Shape);
        Assert.Equal(to, e.DType);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void AsType_FloatToInteger_TruncatesTowardZero(DType from)
    {
        var x = Tensor.FromArray(new[] { -2.7, -1.5, -0.5, 0.0, 0.5, 1.5, 2.7, 1e6 }).AsType(from);
        Assert.Equal([-2, -1, 0, 0, 0, 1, 2, 1000000], x.AsType(DType.Int32).ToArray<int>());
        Assert.Equal([-2L, -1, 0, 0, 0, 1, 2, 1000000], x.AsType(DType.Int64).ToArray<long>());
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void AsType_FloatToBool_IsNonZero(DType from)
    {
        // bool(nan) is True in NumPy; -0.0 is zero.
        var x = Tensor.FromArray(new[] { 0.0, -0.0, 0.1, -3, double.NaN, double.PositiveInfinity }).AsType(from);
        Assert.Equal([false, false, true, true, true, true], x.AsType(DType.Bool).ToArray<bool>());
    }

    [Fact]
    public void AsType_IntegerToBool_IsNonZero()
    {
        Assert.Equal([false, true, true, true], Tensor.FromArray(new[] { 0, 1, -1, int.MinValue }).AsType(DType.Bool).ToArray<bool>());
        Assert.Equal([false, true, true], Tensor.FromArray(new[] { 0L, 1L << 40, -5L }).AsType(DType.Bool).ToArray<bool>());
    }

    [Fact]
    public void AsType_BoolToNumbers_IsOneOrZero()
    {
        var b = Tensor.FromArray(new[] { true, false, true });
        Assert.Equal([1, 0, 1], b.AsType(DType.Int32).ToArray<int>());
        Assert.Equal([1L, 0, 1], b.AsType(DType.Int64).ToArray<long>());
        Assert.Equal([1f, 0f, 1f], b.AsType(DType.Float32).ToArray<float>());
        Assert.Equal([1.0, 0.0, 1.0], b.AsType(DType.Float64).ToArray<double>());
    }

    [Fact]
    public void AsType_IntegersToFloats_AreExactWhereRepresentable()
    {
        var l = Tensor.FromArray(new[] { 1L << 40, -(1L << 50), 3 });
        Assert.Equal([(double)(1L << 40), -(double)(1L << 50), 3.0], l.AsType(DType.Float64).ToArray<double>());
        Assert.Equal([16777216f, -7f], Tensor.FromArray(new[] { 16777216, -7 }).AsType(DType.Float32).ToArray<float>());
        Assert.Equal([-5L, 2147483647L], Tensor.FromArray(new[] { -5, int.MaxValue }).AsType(DType.Int64).ToArray<long>());
    }

    [Fact]
    public void AsType_Float64ToFloat32_Rounds()
    {
        var x = Tensor.FromArray(new[] { 0.1, 1e-50, double.NegativeInfinity });
        Assert.Equal([0.1f, 0f, float.NegativeInfinity], x.AsType(DType.Float32).ToArray<float>());
        Assert.True(float.IsNaN(Tensor.FromArray(new[] { double.NaN }).AsType(DType.Float32).ToArray<float>()[0]));
    }

    [Fact]
    public void AsType_SameDType_ReturnsTheSameTensor()
    {
        var x = Tensor.Zeros(2);
        Assert.Same(x, x.AsType(DType.Float32));
    }

    [Fact]
    public void AsType_OtherDType_IsACopy()
    {
        var x = Tensor.FromArray(new[] { 1.0, 2.0 });
        var y = x.AsType(DType.Float32);
        y.Set(10f, 0);
        Assert.Equal(1.0, x.Get<double>(0));
    }

    [Fact]
    public void AsType_OfAnOffsetView()
    {
        var x = Tensor.Arange(10);
        var v = x[3..6].AsType(DType.Float64);
        Assert.Equal([3.0, 4, 5], v.ToArray<double>());
        var b = Tensor.FromArray(new[] { 1, 2, 3 }).BroadcastTo(2, 3).AsType(DType.Float32);
        Assert.Equal([1f, 2, 3, 1, 2, 3], b.ToArray<float>());
    }

    [Property]
    public bool AsType_IntThroughFloat64_RoundTrips(int[] values)
    {
        var x = Tensor.FromArray(values);
        return x.AsType(DType.Float64).AsType(DType.Int32).ToArray<int>().SequenceEqual(values)
            && x.AsType(DType.Int64).AsType(DType.Int32).ToArray<int>().SequenceEqual(values);
    }

    [Property]
    public bool AsType_ToBool_MatchesNotZero(double[] values)
    {
        var b = Tensor.FromArray(values).AsType(DType.Bool).ToArray<bool>();
        return b.SequenceEqual(values.Select(v => v != 0));
    }

    [Property]
    public bool AsType_ToInt64_TruncatesTowardZero(int whole, byte frac)
    {
        double v = whole + Math.Sign(whole) * frac / 256.0;
        return Tensor.FromArray(new[] { v }).AsType(DType.Int64).ToArray<long>()[0] == (long)Math.Truncate(v);
    }

    // ---- DType facts ----

    [Fact]
    public void Names_AreNumPyStyle()
    {
        Assert.Equal("float32", DType.Float32.Name());
        Assert.Equal("float64", DType.Float64.Name());
        Assert.Equal("int32", DType.Int32.Name());
        Assert.Equal("int64", DType.Int64.Name());
        Assert.Equal("bool", DType.Bool.Name());
    }

    [Fact]
    public void ElementSizeAndClrType()
    {
        Assert.Equal([1, 4, 8, 4, 8], All.Select(d => d.ElementSize()).ToArray());
        Assert.Equal([typeof(bool), typeof(int), typeof(long), typeof(float), typeof(double)], All.Select(d => d.ClrType()).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DType)99).ElementSize());
        Assert.Throws<ArgumentOutOfRangeException>(() => ((DType)99).ClrType());
    }

    [Fact]
    public void Kinds()
    {
        Assert.Equal([false, false, false, true, true], All.Select(d => d.IsFloat()).ToArray());
        Assert.Equal([false, true, true, false, false], All.Select(d => d.IsInteger()).ToArray());
        Assert.Equal([DType.Float32, DType.Float32, DType.Float32, DType.Float32, DType.Float64], All.Select(d => d.ToFloat()).ToArray());
    }

    [Fact]
    public void Promote_TakesTheLaterDType()
    {
        Assert.Equal(DType.Float32, DTypeExtensions.Promote(DType.Int32, DType.Float32));
        Assert.Equal(DType.Float32, DTypeExtensions.Promote(DType.Float32, DType.Int64));
        Assert.Equal(DType.Float64, DTypeExtensions.Promote(DType.Float32, DType.Float64));
        Assert.Equal(DType.Int64, DTypeExtensions.Promote(DType.Bool, DType.Int64));
        Assert.Equal(DType.Int64, DTypeExtensions.Promote(DType.Int64, DType.Int32));
        Assert.Equal(DType.Bool, DTypeExtensions.Promote(DType.Bool, DType.Bool));
        foreach (var a in All)
            foreach (var b in All)
                Assert.Equal(DTypeExtensions.Promote(a, b), DTypeExtensions.Promote(b, a));
    }

    [Fact]
    public void Of_MapsClrTypes()
    {
        Assert.Equal(DType.Float32, DTypeExtensions.Of<float>());
        Assert.Equal(DType.Float64, DTypeExtensions.Of<double>());
        Assert.Equal(DType.Int32, DTypeExtensions.Of<int>());
        Assert.Equal(DType.Int64, DTypeExtensions.Of<long>());
        Assert.Equal(DType.Bool, DTypeExtensions.Of<bool>());
        var ex = Assert.Throws<NotSupportedException>(() => DTypeExtensions.Of<byte>());
        Assert.Contains("Byte", ex.Message);
    }

    // ---- Typed access must match the dtype ----

    [Fact]
    public void Get_WrongType_Throws()
    {
        var x = Tensor.Zeros(2);
        var ex = Assert.Throws<InvalidOperationException>(() => x.Get<double>(0));
        Assert.Contains("Get", ex.Message);
        Assert.Contains("float32", ex.Message);
        Assert.Contains("float64", ex.Message);
        var set = Assert.Throws<InvalidOperationException>(() => x.Set(1, 0));
        Assert.Contains("Set", set.Message);
        Assert.Contains("int32", set.Message);
        var arr = Assert.Throws<InvalidOperationException>(() => x.ToArray<long>());
        Assert.Contains("ToArray", arr.Message);
        Assert.Contains("int64", arr.Message);
    }

    [Fact]
    public void GetDouble_ConvertsEveryDType()
    {
        foreach (var d in All)
        {
            var x = Tensor.Full([2], 1.0, d);
            Assert.Equal(1.0, x.GetDouble(1));
        }
        Assert.Equal(0.0, Tensor.FromArray(new[] { false }).GetDouble(0));
    }

    [Fact]
    public void SetDouble_ConvertsLikeAsType()
    {
        var i = Tensor.Zeros(DType.Int32, 2);
        i.SetDouble(2.9, 0);
        i.SetDouble(-2.9, 1);
        Assert.Equal([2, -2], i.ToArray<int>());
        var l = Tensor.Zeros(DType.Int64, 1);
        l.SetDouble(-7.5, 0);
        Assert.Equal(-7L, l.Get<long>(0));
        var b = Tensor.Zeros(DType.Bool, 2);
        b.SetDouble(0.5, 0);
        Assert.Equal([true, false], b.ToArray<bool>());
        var f = Tensor.Zeros(DType.Float32, 1);
        f.SetDouble(0.1, 0);
        Assert.Equal(0.1f, f.Get<float>(0));
        var d = Tensor.Zeros(DType.Float64, 1);
        d.SetDouble(0.1, 0);
        Assert.Equal(0.1, d.Get<double>(0));
    }

    [Fact]
    public void ToDoubleArray_ConvertsInRowMajorOrder()
    {
        Assert.Equal([1.0, 0.0], Tensor.FromArray(new[] { true, false }).ToDoubleArray());
        Assert.Equal([1.0, 3.0, 2.0, 4.0], Tensor.FromArray(new[,] { { 1, 2 }, { 3, 4 } }).T.ToDoubleArray());
    }
}
