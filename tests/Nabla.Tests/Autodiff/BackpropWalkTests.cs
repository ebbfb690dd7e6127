using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

/// <summary>
/// The walk in Autodiff/Backprop.cs: the context it gives backward rules (whether the pass records a graph), and its
/// checks of what a rule returns, made before any input's gradient is touched.
/// </summary>
public class BackpropWalkTests
{
    /// <summary>The identity on two inputs, whose backward returns what it is told and notes the pass's context.</summary>
    private sealed class Probe(Func<Variable, Variable?[]> rule) : Function
    {
        public List<bool> SeenRecordsGraph { get; } = [];

        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Copy()];

        protected internal override Variable?[] Backward(Variable[] gys)
        {
            SeenRecordsGraph.Add(RecordsGraph);
            return rule(gys[0]);
        }

        protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [txs[0]];
    }

    private static Variable V(params double[] values) => new(Tensor.FromArray(values));

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, true)]
    [InlineData(true, true, true)]
    public void RulesAreToldWhetherThePassRecordsAGraph(bool retainGrad, bool createGraph, bool expected)
    {
        var probe = new Probe(gy => [gy, null]);
        var (x, other) = (V(1, 2), V(3, 4));
        F.Sum(probe.Call(x, other) * 2.0).Backward(retainGrad, createGraph);
        Assert.Equal([expected], probe.SeenRecordsGraph);
        Assert.Equal([2.0, 2.0], x.Grad!.Data.ToArray<double>());
        Assert.Equal(createGraph, x.Grad.Creator is not null);
    }

    [Fact]
    public void WrongNumberOfGradients_IsNamedAndTouchesNoGradient()
    {
        var probe = new Probe(gy => [gy]);
        var (x, other) = (V(1, 2), V(3, 4));
        var y = F.Sum(probe.Call(x, other));
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Equal("Probe: backward returned 1 gradients for 2 inputs", e.Message);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void WrongGradientShape_IsNamedAndTouchesNoGradient()
    {
        var probe = new Probe(gy => [gy, V(1, 2, 3)]);
        var (x, other) = (V(1, 2), V(3, 4));
        var y = F.Sum(probe.Call(x, other));
        var e = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Equal("Probe: gradient of shape (3,) for input 1 of shape (2,)", e.Message);
        Assert.Null(x.Grad);
        Assert.Null(other.Grad);
    }

    [Fact]
    public void AfterAFailedPass_TheNextPassStartsClean()
    {
        var bad = new Probe(gy => [gy]);
        Assert.Throws<InvalidOperationException>(() => F.Sum(bad.Call(V(1, 2), V(3, 4))).Backward());
        // The thread's queue went back empty: the next pass visits its own functions only.
        var x = V(1, 2);
        F.Sum(x * x).Backward();
        Assert.Equal([2.0, 4.0], x.Grad!.Data.ToArray<double>());
    }
}
