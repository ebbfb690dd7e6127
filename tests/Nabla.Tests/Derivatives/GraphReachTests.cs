using Nabla.Autodiff;
using Nabla.Tensors;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Derivatives;

/// <summary>
/// <c>Derivatives</c> differentiate with respect to their inputs only, as <c>torch.autograd.grad</c>: the functions that
/// lead to none of them are not visited, no other leaf's gradient is touched, and the values are those of a full
/// backward pass.
/// </summary>
public class GraphReachTests
{
    /// <summary>The identity, counting its backward calls and recording which inputs it was told need a gradient.</summary>
    private sealed class Probe : Function
    {
        public int Backwards;
        public bool? NeededX, NeededY;

        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] * xs[1]];

        protected internal override Variable?[] Backward(Variable[] gys)
        {
            Backwards++;
            (NeededX, NeededY) = (InputNeedsGrad(0), InputNeedsGrad(1));
            return [InputNeedsGrad(0) ? gys[0] * Inputs[1] : null, InputNeedsGrad(1) ? gys[0] * Inputs[0] : null];
        }
    }

    [Fact]
    public void AConstantBranchIsNotVisited()
    {
        var gen = new Generator(5);
        var c = Tensor.Randn(gen, DType.Float64, 3);
        var probe = new Probe();
        // The probe sees only constants: nothing through it leads to x.
        var g = D.Grad(x => F.Sum(x * x) + F.Sum(probe.Call(new Variable(c), new Variable(c))), Tensor.Randn(gen, DType.Float64, 3));
        Assert.Equal(0, probe.Backwards);
        Assert.Equal(3, g.Size);
    }

    [Fact]
    public void OnlyTheInputsOnTheWayAreAskedFor()
    {
        var gen = new Generator(6);
        var (x0, c) = (Tensor.Randn(gen, DType.Float64, 4), Tensor.Randn(gen, DType.Float64, 4));
        var probe = new Probe();
        var g = D.Grad(x => F.Sum(probe.Call(new Variable(c), x)), x0);
        Assert.Equal(1, probe.Backwards);
        Assert.False(probe.NeededX);
        Assert.True(probe.NeededY);
        Assert.True(Tensor.ArrayEqual(c, g));

        // A plain backward pass asks for every leaf's gradient, as DeZero does.
        var full = new Probe();
        F.Sum(full.Call(new Variable(c), new Variable(x0))).Backward();
        Assert.True(full.NeededX);
    }

    [Fact]
    public void OtherLeavesKeepTheirGradients()
    {
        var gen = new Generator(7);
        var w = new Parameter(Tensor.Randn(gen, DType.Float64, 3, 2));
        var data = Tensor.Randn(gen, DType.Float64, 5, 3);
        Variable Loss(Variable x) => F.Sum(F.Tanh(F.Linear(new Variable(data), w)) * x);
        var x0 = Tensor.Randn(gen, DType.Float64, 5, 2);
        var hv = D.Hvp(Loss, x0, Tensor.Randn(gen, DType.Float64, 5, 2));
        var g = D.Grad(Loss, x0);
        Assert.Null(w.Grad);

        // The same gradient as a full backward pass, bit for bit.
        var xv = new Variable(x0);
        Loss(xv).Backward();
        Assert.True(Tensor.ArrayEqual(xv.Grad!.Data, g));
        Assert.NotNull(w.Grad);
        Assert.Equal(x0.Shape, hv.Shape);
    }

    [Fact]
    public void RepeatedPassesOverOneGraphGiveTheReverseJacobian()
    {
        var gen = new Generator(8);
        var a = Tensor.Randn(gen, DType.Float64, 3, 4);
        var x0 = Tensor.Randn(gen, DType.Float64, 4);
        var j = D.Jacobian(x => F.Tanh(F.MatMul(new Variable(a), F.Reshape(x, 4, 1))), x0, JacobianMode.Reverse);
        var forward = D.Jacobian(x => F.Tanh(F.MatMul(new Variable(a), F.Reshape(x, 4, 1))), x0, JacobianMode.Forward);
        Close.Assert(forward, j, 1e-12, 1e-12, "reverse vs forward Jacobian");
    }
}
