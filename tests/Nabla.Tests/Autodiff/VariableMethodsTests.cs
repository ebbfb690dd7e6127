using Nabla.Autodiff;
using Nabla.Tensors;
using Xunit;

namespace Nabla.Tests.Autodiff;

/// <summary>The DeZero-style methods on Variable, and Graph's separate counts of functions and variables.</summary>
public class VariableMethodsTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    [Fact]
    public void DotAndMatMulAreTheMatrixProduct()
    {
        var a = R(1, 2, 3);
        var b = R(2, 3, 4);
        var expected = F.MatMul(new Variable(a), new Variable(b)).Data;
        Assert.True(Tensor.AllClose(new Variable(a).Dot(new Variable(b)).Data, expected, 0, 0));
        Assert.True(Tensor.AllClose(new Variable(a).MatMul(new Variable(b)).Data, expected, 0, 0));
        GradCheck.Assert(v => v[0].Dot(v[1]), a, b);
        GradCheck.Assert(v => v[0].MatMul(v[1]), R(3, 3), R(4, 3, 2));
    }

    [Fact]
    public void ReductionsAndShapesAsMethods()
    {
        var x = R(3, 2, 3);
        var v = new Variable(x);
        Assert.Equal(x.Max(1).ToArray<double>(), v.Max(1).Data.ToArray<double>());
        Assert.Equal(x.Min().Item(), v.Min().Data.Item());
        Assert.Equal(x.Min([0, 1]).Item(), v.Min([0, 1]).Data.Item());
        Assert.Equal(x.Mean(0).ToArray<double>(), v.Mean(0).Data.ToArray<double>());
        Assert.Equal(x.Sum([0, 1]).Item(), v.Sum([0, 1]).Data.Item(), 14);
        Assert.Equal([3, 2], v.T.Shape);
        Assert.Equal([3, 2], v.Transpose().Shape);
        Assert.Equal([6], v.Reshape(6).Shape);
        GradCheck.Assert(w => w[0].Min(0) * w[0].Max(1).Sum(), R(4, 2, 3));
    }

    [Fact]
    public void LenIsTheFirstAxis()
    {
        Assert.Equal(2, new Variable(R(5, 2, 3)).Len);
        Assert.Equal(4, new Variable(R(5, 4)).Len);
        var e = Assert.Throws<InvalidOperationException>(() => new Variable(Tensor.Scalar(1.0)).Len);
        Assert.Contains("Len", e.Message);
    }

    [Fact]
    public void UnchainMakesALeaf()
    {
        var x = new Variable(Tensor.FromArray(new[] { 2.0 }));
        var y = x * x;
        var z = y * 3.0;
        y.Unchain();
        Assert.Null(y.Creator);
        z.Backward();
        Assert.Null(x.Grad);
        Assert.Equal(3.0, y.Grad!.Data.GetDouble(0));
    }

    [Fact]
    public void GraphCountsFunctionsAndVariablesSeparately()
    {
        var x = new Variable(Tensor.FromArray(new[] { 1.0, 2.0 }));
        var y = x * x + x;
        Assert.Equal(2, Graph.FunctionCount(y));
        Assert.Equal(3, Graph.VariableCount(y));
        Assert.Equal(5, Graph.NodeCount(y));
        var c = y * 2.0;
        Assert.Equal(3, Graph.FunctionCount(c));
        Assert.Equal(5, Graph.VariableCount(c));
        Assert.Equal(0, Graph.FunctionCount(x));
        Assert.Equal(1, Graph.VariableCount(x));
        Assert.Throws<ArgumentNullException>(() => Graph.FunctionCount(null!));
    }
}
