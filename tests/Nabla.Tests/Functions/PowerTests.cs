using Nabla.Autodiff;
using Nabla.Tensors;
using Xunit;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>F.Pow(x, Variable y): both gradients, forward mode and second derivatives against central differences in float64.</summary>
public class PowerTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    private static Tensor Positive(int seed, params int[] shape) => Tensor.Rand(new Generator(seed), DType.Float64, shape) + 0.5;

    [Fact]
    public void BothGradientsSameShape() => GradCheck.Assert(v => F.Pow(v[0], v[1]), Positive(1, 2, 3), R(2, 2, 3));

    [Fact]
    public void BothGradientsBroadcast()
    {
        GradCheck.Assert(v => F.Pow(v[0], v[1]), Positive(1, 2, 3), R(2, 3));
        GradCheck.Assert(v => F.Pow(v[0], v[1]), Positive(3, 3, 1), R(4, 1, 4));
        GradCheck.Assert(v => F.Pow(v[0], v[1]), Positive(5, 2, 2), R(6));
        GradCheck.Assert(v => F.Pow(v[0], v[1]), Positive(7), R(8, 2, 3));
    }

    [Fact]
    public void SecondDerivativesInBaseAndExponent()
    {
        GradCheck.AssertSecond(v => F.Pow(v[0], v[1]), Positive(1, 2, 3), R(2, 3));
        GradCheck.AssertSecond(v => F.Pow(v[1], v[0]), R(2, 3), Positive(1, 2, 3));
        // Mixed: the x-gradient depends on y through y·x^(y-1).
        GradCheck.AssertSecond(v => F.Pow(v[1], v[0]) * v[1], R(3, 2, 2), Positive(4, 2, 2));
    }

    [Fact]
    public void KnownValuesAndTheOperatorStyleMethod()
    {
        var x = new Variable(Tensor.FromArray(new[] { 2.0 }));
        var y = new Variable(Tensor.FromArray(new[] { 3.0 }));
        var z = x.Pow(y);
        z.Backward();
        Assert.Equal(8.0, z.Data.GetDouble(0), 14);
        Assert.Equal(12.0, x.Grad!.Data.GetDouble(0), 13);
        Assert.Equal(8.0 * Math.Log(2.0), y.Grad!.Data.GetDouble(0), 13);
    }

    [Fact]
    public void ZeroBaseGivesZeroExponentGradientNotNaN()
    {
        // PyTorch: d/dy 0^y = 0 for y >= 0; d/dx 0^2 = 0, d/dx 0^0 = 0 (0 · 0^-1 is NaN in IEEE, so check y = 2 only).
        var x = new Variable(Tensor.FromArray(new[] { 0.0, 0.0, 4.0 }));
        var y = new Variable(Tensor.FromArray(new[] { 2.0, 0.0, 0.5 }));
        F.Sum(F.Pow(x, y)).Backward();
        var gy = y.Grad!.Data;
        Assert.Equal(0.0, gy.GetDouble(0));
        Assert.Equal(0.0, gy.GetDouble(1));
        Assert.Equal(2.0 * Math.Log(4.0), gy.GetDouble(2), 13);
        Assert.Equal(0.0, x.Grad!.Data.GetDouble(0));
        Assert.Equal(0.25, x.Grad!.Data.GetDouble(2), 14);
    }

    [Fact]
    public void NegativeBaseExponentGradientIsNaN()
    {
        var x = new Variable(Tensor.FromArray(new[] { -2.0 }));
        var y = new Variable(Tensor.FromArray(new[] { 2.0 }));
        F.Pow(x, y).Backward();
        Assert.True(double.IsNaN(y.Grad!.Data.GetDouble(0)));
        Assert.Equal(-4.0, x.Grad!.Data.GetDouble(0), 14);
    }

    [Fact]
    public void IntegerOperandsAreRefusedNamingTheOperation()
    {
        var x = new Variable(Tensor.FromArray(new[] { 2, 3 }));
        var y = new Variable(Tensor.FromArray(new[] { 1.0, 2.0 }));
        var e = Assert.Throws<ArgumentException>(() => F.Pow(x, y));
        Assert.Contains("Power", e.Message);
        Assert.Contains("int32", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
