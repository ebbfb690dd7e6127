using Nabla.Autodiff;
using Nabla.Tensors;
using Xunit;

namespace Nabla.Tests.Autodiff;

/// <summary>A user's Function needs only Forward and Backward; forward mode then fails clearly, and only when used.</summary>
public class CustomFunctionTests
{
    /// <summary>DeZero's step-9 Square, written as a reader of the book would.</summary>
    private sealed class Square : Function
    {
        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] * xs[0]];

        protected internal override Variable?[] Backward(Variable[] gys) => [gys[0] * Inputs[0] * 2.0];
    }

    [Fact]
    public void BackwardAndSecondDerivativeWorkWithoutAJvp()
    {
        var x = new Variable(Tensor.FromArray(new[] { 3.0 }));
        var y = new Square().Call(x);
        y.Backward(createGraph: true);
        Assert.Equal(6.0, x.Grad!.Data.Item());
        var gx = x.Grad;
        x.ClearGrad();
        gx.Backward();
        Assert.Equal(2.0, x.Grad!.Data.Item());
        using (Config.NoGrad()) Assert.Equal(16.0, new Square().Call(new Variable(Tensor.FromArray(new[] { 4.0 }))).Data.Item());
    }

    [Fact]
    public void ForwardModeThrowsNamingTheFunctionOnlyWhenATangentReachesIt()
    {
        var x = new Variable(Tensor.FromArray(new[] { 3.0 })) { Tangent = Tensor.FromArray(new[] { 1.0 }) };
        var e = Assert.Throws<NotSupportedException>(() => new Square().Call(x));
        Assert.Contains("No forward-mode rule for Square", e.Message);
        // Tangents that stop before the function do not reach it.
        var plain = new Variable(Tensor.FromArray(new[] { 3.0 }));
        Assert.Equal(9.0, new Square().Call(plain).Data.Item());
    }
}
