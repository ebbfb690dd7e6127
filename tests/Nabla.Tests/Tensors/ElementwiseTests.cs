using Nabla.Tensors;
using static Nabla.Tests.Tensors.OpsRef;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Elementwise arithmetic, functions, comparisons, Where, logical ops and in-place writes, against values worked
/// out from NumPy's documented semantics (and PyTorch's scalar-promotion rule, which DESIGN.md adopts).
/// </summary>
public class ElementwiseTests
{
    // ---- arithmetic operators and dtype results ----

    [Fact]
    public void Operators_TensorTensor()
    {
        var a = F64([1, 2, 3, 4], 2, 2);
        var b = F64([10, 20, 30, 40], 2, 2);
        Exact(DType.Float64, [2, 2], [11, 22, 33, 44], a + b);
        Exact(DType.Float64, [2, 2], [-9, -18, -27, -36], a - b);
        Exact(DType.Float64, [2, 2], [10, 40, 90, 160], a * b);
        Exact(DType.Float64, [2, 2], [0.1, 0.1, 0.1, 0.1], a / b);
        Exact(DType.Float64, [2, 2], [-1, -2, -3, -4], -a);
        Exact(DType.Float64, [2, 2], [11, 22, 33, 44], Tensor.Add(a, b));
        Exact(DType.Float64, [2, 2], [9, 18, 27, 36], Tensor.Sub(b, a));
        Exact(DType.Float64, [2, 2], [10, 40, 90, 160], Tensor.Mul(a, b));
        Exact(DType.Float64, [2, 2], [10, 10, 10, 10], Tensor.Div(b, a));
    }

    [Fact]
    public void Operators_DoubleOnEitherSide()
    {
        var a = F32([1, 2, 4]);
        Exact(DType.Float32, [3], [3.5, 4.5, 6.5], a + 2.5);
        Exact(DType.Float32, [3], [3.5, 4.5, 6.5], 2.5 + a);
        Exact(DType.Float32, [3], [-1.5, -0.5, 1.5], a - 2.5);
        Exact(DType.Float32, [3], [1.5, 0.5, -1.5], 2.5 - a);
        Exact(DType.Float32, [3], [0.5, 1, 2], a * 0.5);
        Exact(DType.Float32, [3], [0.5, 1, 2], 0.5 * a);
        Exact(DType.Float32, [3], [0.5, 1, 2], a / 2.0);
        Exact(DType.Float32, [3], [4, 2, 1], 4.0 / a);
    }

    [Fact]
    public void Operators_IntOnEitherSide()
    {
        var a = I32([1, 2, 4]);
        Exact(DType.Int32, [3], [3, 4, 6], a + 2);
        Exact(DType.Int32, [3], [3, 4, 6], 2 + a);
        Exact(DType.Int32, [3], [-1, 0, 2], a - 2);
        Exact(DType.Int32, [3], [1, 0, -2], 2 - a);
        Exact(DType.Int32, [3], [3, 6, 12], a * 3);
        Exact(DType.Int32, [3], [3, 6, 12], 3 * a);
        // true division: int / int gives a float, as in NumPy (Float32 here, the training default).
        Exact(DType.Float32, [3], [0.5, 1, 2], a / 2);
        Exact(DType.Float32, [3], [4, 2, 1], 4 / a);
    }

    [Fact]
    public void IntTensorWithPythonStyleScalars()
    {
        var a = I32([1, 2, 3]);
        Exact(DType.Int32, [3], [3, 4, 5], a + 2);
        Exact(DType.Float32, [3], [3, 4, 5], a + 2.0);
        Exact(DType.Float32, [3], [1.5, 3, 4.5], a * 1.5);
        Exact(DType.Float32, [3], [3, 2.5, 2], 3.5 - a / 2);
        var l = I64([1, 2, 3]);
        Exact(DType.Int64, [3], [2, 3, 4], l + 1);
        Exact(DType.Float32, [3], [1.5, 2.5, 3.5], l + 0.5);
        var d = F64([1, 2, 3]);
        Exact(DType.Float64, [3], [2, 3, 4], d + 1);
        Exact(DType.Float64, [3], [0.5, 1, 1.5], d / 2);
    }

    [Fact]
    public void IntDivInt_IsTrueDivisionToFloat32()
    {
        var r = I32([7, -7, 1, 0]) / I32([2, 2, 0, 0]);
        Assert.Equal(DType.Float32, r.DType);
        Close([3.5, -3.5, double.PositiveInfinity, double.NaN], r);
        var l = I64([9, 3]) / I64([2, 4]);
        Assert.Equal(DType.Float32, l.DType);
        Close([4.5, 0.75], l);
    }

    [Theory]
    [InlineData(DType.Float32, DType.Float64, DType.Float64)]
    [InlineData(DType.Float64, DType.Float32, DType.Float64)]
    [InlineData(DType.Int32, DType.Int64, DType.Int64)]
    [InlineData(DType.Int32, DType.Float32, DType.Float32)]
    [InlineData(DType.Int64, DType.Float32, DType.Float32)]
    [InlineData(DType.Int64, DType.Float64, DType.Float64)]
    [InlineData(DType.Bool, DType.Int32, DType.Int32)]
    [InlineData(DType.Bool, DType.Float64, DType.Float64)]
    [InlineData(DType.Bool, DType.Bool, DType.Int32)]
    public void Promotion(DType left, DType right, DType expected)
    {
        var a = Tensor.Ones(left, 2);
        var b = Tensor.Ones(right, 2);
        foreach (var r in new[] { a + b, a - b, a * b, Tensor.Maximum(a, b), Tensor.Minimum(a, b), Tensor.Pow(a, b) })
            Assert.Equal(expected, r.DType);
        Assert.Equal(expected.ToFloat(), (a / b).DType);
        Exact(expected, [2], [2, 2], a + b);
    }

    [Fact]
    public void BoolArithmetic_GivesInt32()
    {
        var t = B([true, false, true]);
        var u = B([true, true, false]);
        Exact(DType.Int32, [3], [2, 1, 1], t + u);
        Exact(DType.Int32, [3], [0, -1, 1], t - u);
        Exact(DType.Int32, [3], [1, 0, 0], t * u);
        Exact(DType.Int32, [3], [3, 0, 3], t * 3);
        Exact(DType.Int32, [3], [3, 2, 3], 2 + t);
        Exact(DType.Float32, [3], [1.5, 0.5, 1.5], t + 0.5);
        Exact(DType.Int32, [3], [-1, 0, -1], -t);
        Exact(DType.Float32, [3], [1, 0, double.PositiveInfinity], t / u);
    }

    [Fact]
    public void Float32Arithmetic_RoundsLikeFloat32()
    {
        // 0.1f + 0.2f in single precision is 0.3f exactly as float rounds it, not 0.30000000000000004.
        var r = F32([0.1f]) + F32([0.2f]);
        Assert.Equal(0.1f + 0.2f, r.Get<float>(0));
        var big = F32([16777216f]) + 1;
        Assert.Equal(16777216f, big.Get<float>(0));
    }

    [Fact]
    public void Arithmetic_IntegerOverflowWraps()
    {
        // NumPy integer arithmetic wraps silently (two's complement).
        Exact(DType.Int32, [1], [int.MinValue], I32([int.MaxValue]) + 1);
        Exact(DType.Int32, [1], [0], I32([65536]) * I32([65536]));
    }

    [Fact]
    public void Operators_ZeroDim()
    {
        var s = Tensor.Scalar(3.0);
        Assert.Equal(0, s.NDim);
        var r = s * 2 + s;
        Assert.Empty(r.Shape);
        Assert.Equal(9.0, r.Item());
        Exact(DType.Float64, [], [-3], -s);
    }

    [Fact]
    public void Results_AreNewTensors_InputsUntouched()
    {
        var a = F64([1, 2]);
        var b = a + 0;
        b.Set(5.0, 0);
        Assert.Equal(1.0, a.GetDouble(0));
        Assert.True((a * 1).IsContiguous);
        Assert.True((a.BroadcastTo(3, 2).T + 1).IsContiguous);
    }

    // ---- Pow ----

    [Fact]
    public void Pow_TensorExponent()
    {
        var r = Tensor.Pow(F64([1, 2, 3, 4, -2, 0]), F64([2, 0.5, -1, 0, 3, 0]));
        Close([1, Math.Sqrt(2), 1.0 / 3, 1, -8, 1], r);
        var f = Tensor.Pow(F32([2, 9]), F32([10, 0.5f]));
        Assert.Equal(DType.Float32, f.DType);
        Close([1024, 3], f, 1e-6);
    }

    [Fact]
    public void Pow_FloatSpecialValues()
    {
        // C's pow, which NumPy follows: a negative base to a fractional power is NaN; 0 ** -1 is inf.
        var r = Tensor.Pow(F64([-8, 0, double.NaN, 1]), F64([1.0 / 3, -1, 0, double.NaN]));
        Close([double.NaN, double.PositiveInfinity, 1, 1], r);
    }

    [Fact]
    public void Pow_DoubleScalar()
    {
        Close([1, 4, 9], F64([1, 2, 3]).Pow(2.0));
        Close([1, 2, 3], F64([1, 4, 9]).Pow(0.5));
        var i = I32([1, 4, 9]).Pow(0.5);
        Assert.Equal(DType.Float32, i.DType);
        Close([1, 2, 3], i, 1e-6);
        Assert.Equal(DType.Float32, F32([2]).Pow(2.0).DType);
    }

    [Fact]
    public void Pow_IntegerPower_StaysInteger()
    {
        Exact(DType.Int32, [5], [1, 0, -1, 8, -27], I32([1, 0, -1, 2, -3]).Pow(3));
        Exact(DType.Int32, [3], [1, 1, 1], I32([0, 5, -7]).Pow(0));
        Exact(DType.Int64, [2], [3486784401L, 1L << 62], Tensor.Pow(I64([3, 2]), I64([20, 62])));
        Exact(DType.Int32, [2], [1, 1024], Tensor.Pow(I32([1, 2]), I32([5, 10])));
        Exact(DType.Float64, [2], [4, 8], Tensor.Pow(F64([2, 2]), I32([2, 3])));
        Exact(DType.Int32, [2], [1, 0], B([true, false]).Pow(2));
    }

    [Fact]
    public void Pow_IntegerToNegativeIntegerPower_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => I32([2, 3]).Pow(-1));
        Assert.Equal("Pow: integers to negative integer powers are not allowed (2 ** -1)", e.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Pow(I64([1, 2]), I64([1, -2])));
        // Through the strided (broadcast) path as well.
        Assert.Throws<ArgumentException>(() => Tensor.Pow(I32([2, 3], 2, 1), I32([1, -1])));
        // A float exponent is fine: the result is a float.
        Close([0.5, 1.0 / 3], I32([2, 3]).Pow(-1.0), 1e-6);
    }

    // ---- unary functions ----

    [Fact]
    public void Neg()
    {
        Exact(DType.Int32, [3], [-1, 0, 5], I32([1, 0, -5]).Neg());
        Exact(DType.Int64, [2], [-7, 7], I64([7, -7]).Neg());
        Close([-1.5, double.NegativeInfinity, double.NaN], F32([1.5f, float.PositiveInfinity, float.NaN]).Neg());
        Assert.True(double.IsNegative(F64([0.0]).Neg().GetDouble(0)));
        Exact(DType.Float64, [2, 2], [-1, -3, -2, -4], F64([1, 2, 3, 4], 2, 2).T.Neg());
    }

    [Fact]
    public void Exp()
    {
        Close([1, Math.E, 0, double.PositiveInfinity, double.NaN, Math.Exp(-3)],
            F64([0, 1, double.NegativeInfinity, double.PositiveInfinity, double.NaN, -3]).Exp(), 1e-15);
        var i = I32([0, 1, 2]).Exp();
        Assert.Equal(DType.Float32, i.DType);
        Close([1, Math.E, Math.Exp(2)], i, 1e-6);
    }

    [Fact]
    public void Log()
    {
        // NumPy: log(0) = -inf, log(negative) = nan, log(inf) = inf.
        Close([0, 1, double.NegativeInfinity, double.NaN, double.PositiveInfinity, Math.Log(10)],
            F64([1, Math.E, 0, -1, double.PositiveInfinity, 10]).Log(), 1e-15);
        Close([0, 1, double.NegativeInfinity, double.NaN], F32([1, (float)Math.E, 0, -1]).Log(), 1e-6);
        var i = I64([1, 0]).Log();
        Assert.Equal(DType.Float32, i.DType);
        Close([0, double.NegativeInfinity], i);
    }

    [Fact]
    public void Sqrt()
    {
        Close([2, Math.Sqrt(2), double.NaN, double.PositiveInfinity, 0], F64([4, 2, -1, double.PositiveInfinity, 0]).Sqrt());
        var i = I32([4, 9]).Sqrt();
        Assert.Equal(DType.Float32, i.DType);
        Close([2, 3], i);
    }

    public static TheoryData<string> Functions => new() { "Sin", "Cos", "Tan", "Tanh", "Exp", "Log", "Sqrt", "Abs", "Neg" };

    private static (Func<Tensor, Tensor> Op, Func<double, double> Ref) Function(string name) => name switch
    {
        "Sin" => (t => t.Sin(), Math.Sin),
        "Cos" => (t => t.Cos(), Math.Cos),
        "Tan" => (t => t.Tan(), Math.Tan),
        "Tanh" => (t => t.Tanh(), Math.Tanh),
        "Exp" => (t => t.Exp(), Math.Exp),
        "Log" => (t => t.Log(), Math.Log),
        "Sqrt" => (t => t.Sqrt(), Math.Sqrt),
        "Abs" => (t => t.Abs(), Math.Abs),
        "Neg" => (t => t.Neg(), x => -x),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Function_MatchesSystemMath_OnEveryLayout(string name)
    {
        var (op, reference) = Function(name);
        var rng = new Generator(17);
        foreach (var dtype in new[] { DType.Float64, DType.Float32 })
        foreach (var layout in Layouts)
        {
            var x = Laid(rng, dtype, layout, 5, 7);
            var r = op(x);
            Assert.Equal(dtype, r.DType);
            Assert.True(r.IsContiguous);
            var expected = Values(x).Select(reference).ToArray();
            Close([5, 7], expected, r, dtype == DType.Float32 ? 2e-6 : 1e-14, dtype == DType.Float32 ? 2e-6 : 1e-14);
        }
    }

    [Fact]
    public void Trig_KnownValues()
    {
        var x = F64([0, Math.PI / 2, Math.PI, -Math.PI / 4]);
        Close([0, 1, 0, -Math.Sqrt(0.5)], x.Sin(), 1e-15, 1e-15);
        Close([1, 0, -1, Math.Sqrt(0.5)], x.Cos(), 1e-15, 1e-15);
        Close([0, 1, -1], F64([0, Math.PI / 4, -Math.PI / 4]).Tan(), 1e-15, 1e-15);
        Close([0, 1, -1, Math.Tanh(0.5)], F64([0, double.PositiveInfinity, double.NegativeInfinity, 0.5]).Tanh(), 1e-15);
        Close([double.NaN, double.NaN], F64([double.PositiveInfinity, double.NaN]).Sin());
        Assert.Equal(DType.Float32, I32([0, 1]).Sin().DType);
        Assert.Equal(DType.Float32, B([true]).Cos().DType);
    }

    [Fact]
    public void Abs()
    {
        Exact(DType.Int32, [3], [3, 0, 4], I32([-3, 0, 4]).Abs());
        Exact(DType.Int64, [2], [long.MaxValue, 9], I64([-long.MaxValue, -9]).Abs());
        Close([1.5, 0, double.PositiveInfinity, double.NaN], F64([-1.5, -0.0, double.NegativeInfinity, double.NaN]).Abs());
        Assert.False(double.IsNegative(F64([-0.0]).Abs().GetDouble(0)));
    }

    [Fact]
    public void Abs_OfMostNegativeInteger_WrapsLikeNumPy()
    {
        // np.abs(np.int32(-2**31)) is -2**31 (two's complement has no +2**31); it must not throw.
        Exact(DType.Int32, [2], [int.MinValue, 1], I32([int.MinValue, -1]).Abs());
        Exact(DType.Int64, [1], [long.MinValue], I64([long.MinValue]).Abs());
    }

    [Fact]
    public void Sign()
    {
        Close([-1, 0, 0, 1, double.NaN, -1, 1], F64([-2, 0, -0.0, 3, double.NaN, double.NegativeInfinity, double.PositiveInfinity]).Sign());
        var f = F32([-0.5f, float.NaN, 7]).Sign();
        Assert.Equal(DType.Float32, f.DType);
        Close([-1, double.NaN, 1], f);
        Exact(DType.Int32, [3], [-1, 0, 1], I32([-5, 0, 7]).Sign());
        Exact(DType.Int64, [3], [-1, 0, 1], I64([long.MinValue, 0, long.MaxValue]).Sign());
        Exact(DType.Int32, [2], [1, 0], B([true, false]).Sign());
    }

    [Fact]
    public void Unary_ZeroDimAndEmpty()
    {
        var s = Tensor.Scalar(4.0).Sqrt();
        Assert.Empty(s.Shape);
        Assert.Equal(2.0, s.Item());
        var e = Tensor.Zeros(0, 3).Exp();
        Assert.Equal([0, 3], e.Shape);
        Assert.Equal(DType.Float32, e.DType);
    }

    // ---- Maximum, Minimum, Clip ----

    [Fact]
    public void MaximumMinimum_PropagateNaN()
    {
        var a = F64([1, double.NaN, 3, 5, double.NaN]);
        var b = F64([2, 2, double.NaN, 4, double.NaN]);
        Close([2, double.NaN, double.NaN, 5, double.NaN], Tensor.Maximum(a, b));
        Close([1, double.NaN, double.NaN, 4, double.NaN], Tensor.Minimum(a, b));
        // Contiguous, scalar-broadcast and strided paths all propagate.
        Close([double.NaN, double.NaN], Tensor.Maximum(F64([1, 2]), Tensor.Scalar(double.NaN)));
        Close([double.NaN, double.NaN], Tensor.Minimum(Tensor.Scalar(double.NaN), F64([1, 2])));
        Close([2, 2], Tensor.Maximum(F64([1, 2]), Tensor.Scalar(2.0)));
        var m = F64([1, double.NaN, 3, 4], 2, 2).T;
        Close([2, 2], [1, 3, double.NaN, 4], Tensor.Maximum(m, F64([0, 0])));
        var f = Tensor.Minimum(F32([1, float.NaN]), F32([0, 0]));
        Close([0, double.NaN], f);
    }

    [Fact]
    public void MaximumMinimum_IntegersAndPromotion()
    {
        Exact(DType.Int32, [3], [2, 5, 0], Tensor.Maximum(I32([1, 5, -3]), I32([2, 4, 0])));
        Exact(DType.Int32, [3], [1, 4, -3], Tensor.Minimum(I32([1, 5, -3]), I32([2, 4, 0])));
        Exact(DType.Float64, [2], [1.5, 3], Tensor.Maximum(I32([1, 3]), F64([1.5, 2])));
        Exact(DType.Int64, [2, 2], [1, 2, 3, 3], Tensor.Minimum(I64([1, 2, 3, 4], 2, 2), I64([3])));
    }

    [Fact]
    public void Clip()
    {
        Close([0, 0.5, 1, double.NaN, 1, 0], F64([-2, 0.5, 3, double.NaN, double.PositiveInfinity, double.NegativeInfinity]).Clip(0, 1));
        Exact(DType.Float32, [3], [-1, 0.25, 1], F32([-5, 0.25f, 9]).Clip(-1, 1));
    }

    [Fact]
    public void Clip_IntStaysIntWithWholeBounds()
    {
        Exact(DType.Int32, [4], [0, 1, 2, 2], I32([-3, 1, 2, 7]).Clip(0, 2));
        Exact(DType.Int64, [2], [-1, 5], I64([-9, 9]).Clip(-1, 5));
        // A fractional bound makes the result a float (as a Python float operand would).
        var f = I32([-3, 1, 7]).Clip(0.5, 2);
        Assert.Equal(DType.Float32, f.DType);
        Close([0.5, 1, 2], f);
        Exact(DType.Int32, [2], [0, 1], I32([0, 5]).Clip(0, 1));
        Exact(DType.Int32, [2], [1, 1], I32([0, 5]).Clip(1, 1));
    }

    [Fact]
    public void Clip_MinGreaterThanMax_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => F64([1, 2]).Clip(3, 1));
        Assert.Equal("Clip: min (3) is greater than max (1)", e.Message);
    }

    // ---- comparisons ----

    [Fact]
    public void Comparisons_GiveBool_NaNComparesFalseExceptNe()
    {
        var a = F64([1, 2, 3, double.NaN, double.NaN]);
        var b = F64([2, 2, 2, 1, double.NaN]);
        Bools([false, true, false, false, false], a.Eq(b));
        Bools([true, false, true, true, true], a.Ne(b));
        Bools([true, false, false, false, false], a.Lt(b));
        Bools([true, true, false, false, false], a.Le(b));
        Bools([false, false, true, false, false], a.Gt(b));
        Bools([false, true, true, false, false], a.Ge(b));
        Bools([true, false, false, false, false], a < b);
        Bools([false, false, true, false, false], a > b);
        Bools([true, true, false, false, false], a <= b);
        Bools([false, true, true, false, false], a >= b);
    }

    [Fact]
    public void Comparisons_WithDoubles()
    {
        var a = I32([1, 2, 3]);
        Bools([false, true, false], a.Eq(2));
        Bools([true, false, true], a.Ne(2));
        Bools([true, false, false], a < 1.5);
        Bools([false, true, true], a > 1.5);
        Bools([true, true, false], a <= 2);
        Bools([false, true, true], a >= 2);
        Bools([false, false, false], F64([double.NaN, double.NaN, double.NaN]) >= double.NegativeInfinity);
        Bools([true], F64([double.NaN]).Ne(double.NaN));
        Bools([false], F64([double.NaN]).Eq(double.NaN));
    }

    [Fact]
    public void Comparisons_MixedDtypesAndBool()
    {
        Bools([true, false], I32([1, 2]).Eq(F64([1.0, 2.5])));
        Bools([false, true], I64([5, 5]).Lt(F32([5, 5.5f])));
        Bools([true, false, false, true], B([true, false, true, false]).Eq(B([true, true, false, false])));
        Bools([false, false, true, false], B([true, false, true, false]).Gt(B([true, true, false, false])));
        Bools([true, false], B([true, false]).Eq(1));
    }

    [Fact]
    public void Comparisons_Broadcast()
    {
        var r = I32([0, 1], 2, 1) < I32([0, 1, 2]);
        Assert.Equal([2, 3], r.Shape);
        Bools([false, true, true, false, false, true], r);
        var s = Tensor.Scalar(1.0).Ge(F64([0, 1, 2]));
        Assert.Equal([3], s.Shape);
        Bools([true, true, false], s);
    }

    // ---- Where ----

    [Fact]
    public void Where_Basic()
    {
        var r = Tensor.Where(B([true, false, true]), F64([1, 2, 3]), F64([10, 20, 30]));
        Exact(DType.Float64, [3], [1, 20, 3], r);
    }

    [Fact]
    public void Where_BroadcastsAllThree()
    {
        var cond = B([true, false], 2, 1);
        var x = I32([1, 2, 3]);
        var y = Tensor.Scalar(-1.0);
        var r = Tensor.Where(cond, x, y);
        // x is Int32, y Float64: they promote to Float64.
        Exact(DType.Float64, [2, 3], [1, 2, 3, -1, -1, -1], r);

        var c3 = B([true, false, false, true], 2, 1, 2);
        var r3 = Tensor.Where(c3, F32([1, 2, 3], 3, 1), F32([7]));
        Exact(DType.Float32, [2, 3, 2], [1, 7, 2, 7, 3, 7, 7, 1, 7, 2, 7, 3], r3);
    }

    [Fact]
    public void Where_StridedOperands_MatchReference()
    {
        var rng = new Generator(5);
        foreach (var layout in Layouts)
        {
            var c = Laid(rng, DType.Bool, layout, 4, 3);
            var x = Laid(rng, DType.Float64, layout, 4, 3);
            var y = Laid(rng, DType.Int32, layout, 3);
            var r = Tensor.Where(c, x, y);
            var expected = Indices([4, 3]).Select(i => c.GetDouble(i) != 0 ? x.GetDouble(i) : y.GetDouble(i[1])).ToArray();
            Close([4, 3], expected, r, 0, 0);
        }
    }

    [Fact]
    public void Where_BoolValues_StayBool()
    {
        var r = Tensor.Where(B([true, false]), B([false, false]), B([true, true]));
        Bools([false, true], r);
    }

    [Fact]
    public void Where_Errors()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Where(F32([1, 0]), F32([1, 2]), F32([3, 4])));
        Assert.Equal("Where: condition must have dtype bool, got float32", e.Message);
        var i = Assert.Throws<ArgumentException>(() => Tensor.Where(I32([1, 0]), F32([1, 2]), F32([3, 4])));
        Assert.Equal("Where: condition must have dtype bool, got int32", i.Message);
        var s = Assert.Throws<ArgumentException>(() => Tensor.Where(B([true, false]), F32([1, 2, 3]), F32([3])));
        Assert.Equal("Where: cannot broadcast (2,) with (3,)", s.Message);
    }

    // ---- logical ----

    [Fact]
    public void LogicalNot()
    {
        Bools([false, true], B([true, false]).LogicalNot());
        // Numbers are read as "not zero": logical_not(nan) is False.
        Bools([true, false, false, false], F64([0, 2, double.NaN, -0.5]).LogicalNot());
        Bools([true, false], I32([0, -3]).LogicalNot());
    }

    [Fact]
    public void LogicalAndOr_Bools()
    {
        var a = B([true, true, false, false]);
        var b = B([true, false, true, false]);
        Bools([true, false, false, false], Tensor.LogicalAnd(a, b));
        Bools([true, true, true, false], Tensor.LogicalOr(a, b));
        var r = Tensor.LogicalAnd(B([true, false], 2, 1), B([true, false, true]));
        Assert.Equal([2, 3], r.Shape);
        Bools([true, false, true, false, false, false], r);
        Bools([true, true, true, true, false, true], Tensor.LogicalOr(B([true, false], 2, 1), B([true, false, true])));
    }

    [Fact]
    public void LogicalAndOr_NumbersAreReadAsNotZero()
    {
        // np.logical_and(0.5, 1) is True: 0.5 is not zero (it must not be truncated to the integer 0).
        Bools([true, false, false, true], Tensor.LogicalAnd(F64([0.5, 0, 2, double.NaN]), F64([1, 1, 0, 1])));
        Bools([true, true, false], Tensor.LogicalOr(F64([0.5, 0, 0]), F64([0, -0.25, 0])));
        // 65536 * 65536 overflows Int32 to 0; logical_and must still be True.
        Bools([true, false], Tensor.LogicalAnd(I32([65536, 0]), I32([65536, 7])));
        Bools([true, true], Tensor.LogicalOr(I32([-1, 1]), I32([1, -1])));
    }

    // ---- Assign and AddInPlace ----

    [Fact]
    public void Assign_WholeTensor_BroadcastAndConvert()
    {
        var x = Tensor.Zeros(DType.Float64, 2, 3);
        x.Assign(F64([1, 2, 3]));
        Exact(DType.Float64, [2, 3], [1, 2, 3, 1, 2, 3], x);
        x.Assign(Tensor.Scalar(7.0));
        Exact(DType.Float64, [2, 3], [7, 7, 7, 7, 7, 7], x);
        var i = Tensor.Zeros(DType.Int32, 2);
        i.Assign(F64([1.9, -1.9]));   // NumPy's unsafe cast on setitem truncates toward zero.
        Exact(DType.Int32, [2], [1, -1], i);
    }

    [Fact]
    public void Assign_IntoViews_WritesThroughToTheBase()
    {
        var x = Tensor.Zeros(DType.Float64, 3, 4);
        x[.., 1].Assign(F64([1, 2, 3]));
        x[new Slice(null, null, 2), new Slice(2, null)].Assign(Tensor.Scalar(9.0));
        Exact(DType.Float64, [3, 4], [0, 1, 9, 9, 0, 2, 0, 0, 0, 3, 9, 9], x);

        var y = Tensor.Zeros(DType.Int32, 2, 3);
        y.T.Assign(I32([1, 2, 3, 4, 5, 6], 3, 2));
        Exact(DType.Int32, [2, 3], [1, 3, 5, 2, 4, 6], y);

        var z = Tensor.Zeros(DType.Int64, 4);
        z[new Slice(null, null, -1)].Assign(I64([1, 2, 3, 4]));
        Exact(DType.Int64, [4], [4, 3, 2, 1], z);
    }

    [Fact]
    public void Assign_OverlappingSourceAndTarget_ActsAsIfSourceWasCopiedFirst()
    {
        // NumPy: a = arange(5); a[1:] = a[:-1] gives [0, 0, 1, 2, 3] (overlap is detected and buffered).
        var a = F64([0, 1, 2, 3, 4]);
        a[1..].Assign(a[..^1]);
        Exact(DType.Float64, [5], [0, 0, 1, 2, 3], a);
        var m = F64([1, 2, 3, 4], 2, 2);
        m.Assign(m.T);
        Exact(DType.Float64, [2, 2], [1, 3, 2, 4], m);
    }

    [Fact]
    public void Assign_Errors()
    {
        var b = F64([1, 2, 3]).BroadcastTo(2, 3);
        var e = Assert.Throws<InvalidOperationException>(() => b.Assign(Tensor.Zeros(DType.Float64, 2, 3)));
        Assert.Equal("Assign: cannot write into a read-only broadcast view of shape (2,3); call Copy() first", e.Message);
        var s = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).Assign(Tensor.Zeros(4)));
        Assert.Equal("Assign: cannot broadcast (4,) to (2,3)", s.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).Assign(Tensor.Zeros(2, 3)));
    }

    [Fact]
    public void AddInPlace_Basic_Broadcast_Convert()
    {
        var x = Tensor.Ones(DType.Float64, 2, 3);
        x.AddInPlace(F64([1, 2, 3]));
        Exact(DType.Float64, [2, 3], [2, 3, 4, 2, 3, 4], x);
        x.AddInPlace(Tensor.Scalar(0.5));
        Exact(DType.Float64, [2, 3], [2.5, 3.5, 4.5, 2.5, 3.5, 4.5], x);
        var f = Tensor.Zeros(DType.Float32, 2);
        f.AddInPlace(I32([1, 2]));
        Exact(DType.Float32, [2], [1, 2], f);
    }

    [Fact]
    public void AddInPlace_IntoViews_WritesThroughToTheBase()
    {
        var x = Tensor.Zeros(DType.Float64, 4, 3);
        x[new Slice(null, null, 2)].AddInPlace(F64([1, 2, 3]));
        x[.., 0].AddInPlace(Tensor.Scalar(10.0));
        Exact(DType.Float64, [4, 3], [11, 2, 3, 10, 0, 0, 11, 2, 3, 10, 0, 0], x);
        var y = Tensor.Zeros(DType.Int32, 2, 3);
        y.T.AddInPlace(I32([1, 2], 1, 2));
        y.T.AddInPlace(I32([1, 2], 1, 2));
        Exact(DType.Int32, [2, 3], [2, 2, 2, 4, 4, 4], y);
    }

    [Fact]
    public void AddInPlace_OverlappingOperand_ActsAsIfOperandWasCopiedFirst()
    {
        // NumPy: a = [[1,2],[3,4]]; a += a.T gives [[2,5],[5,8]].
        var a = F64([1, 2, 3, 4], 2, 2);
        a.AddInPlace(a.T);
        Exact(DType.Float64, [2, 2], [2, 5, 5, 8], a);
        var v = F64([1, 2, 3, 4]);
        v[1..].AddInPlace(v[..^1]);
        Exact(DType.Float64, [4], [1, 3, 5, 7], v);
    }

    [Fact]
    public void AddInPlace_Errors()
    {
        var b = Tensor.Zeros(DType.Float64, 3).BroadcastTo(2, 3);
        var e = Assert.Throws<InvalidOperationException>(() => b.AddInPlace(Tensor.Ones(DType.Float64, 2, 3)));
        Assert.Equal("AddInPlace: cannot write into a read-only broadcast view of shape (2,3); call Copy() first", e.Message);
        var k = Assert.Throws<InvalidOperationException>(() => B([true]).AddInPlace(B([true])));
        Assert.Equal("AddInPlace: cannot add into a bool tensor", k.Message);
        // NumPy: a = np.zeros(2, int); a += 1.5 raises (same_kind casting); nothing is truncated silently.
        var f = Assert.Throws<InvalidOperationException>(() => Tensor.Zeros(DType.Int32, 2).AddInPlace(F64([1.5, 2])));
        Assert.Equal("AddInPlace: cannot add a float64 tensor into an int32 tensor", f.Message);
        var ints = Tensor.Zeros(DType.Int32, 2);
        ints.AddInPlace(I64([1, 2]));   // same kind: allowed
        ints.AddInPlace(B([true, false]));
        Exact(DType.Int32, [2], [2, 2], ints);
        // The result cannot grow: (3,) += (2,3) is NumPy's "non-broadcastable output operand".
        var s = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3).AddInPlace(Tensor.Zeros(2, 3)));
        Assert.Equal("AddInPlace: cannot broadcast (2,3) to (3,)", s.Message);
        Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3).AddInPlace(Tensor.Zeros(2)));
    }

    [Fact]
    public void NullOperands_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Tensor.Add(null!, Tensor.Zeros(1)));
        Assert.Throws<ArgumentNullException>(() => Tensor.Mul(Tensor.Zeros(1), null!));
    }
}
