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

    /// <summary>Two outputs: the halves of a vector.</summary>
    private sealed class Halves : Function
    {
        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0][..1].Copy(), xs[0][1..].Copy()];

        protected internal override Variable?[] Backward(Variable[] gys) => [F.Concat(gys, 0)];
    }

    [Fact]
    public void CallOnAFunctionOfTwoOutputsThrowsNamingItAndRecordsNothing()
    {
        var x = new Variable(Tensor.FromArray(new[] { 1.0, 2.0 }));
        var halves = new Halves();
        var e = Assert.Throws<InvalidOperationException>(() => halves.Call(x));
        Assert.Equal("Halves: has 2 outputs; use CallMany", e.Message);
        Assert.Empty(halves.Inputs);
        var parts = new Halves().CallMany(x);
        Assert.Equal([1.0, 2.0], parts.Select(p => p.Data.Item()));
        Assert.All(parts, p => Assert.Equal(1, p.Generation));
        (parts[0] * 3.0 + parts[1]).Backward();
        Assert.Equal([3.0, 1.0], x.Grad!.Data.ToArray<double>());
    }
}
