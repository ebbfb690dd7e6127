using Nabla.Autodiff;
using Nabla.Tensors;
using Xunit;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>Mean, Max and Min over tuples of axes (as Sum), and the null-axis overloads that used to be ambiguous.</summary>
public class AxesReductionTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    [Fact]
    public void GradientsOverTuplesOfAxes()
    {
        GradCheck.Assert(v => F.Mean(v[0], [0, 2]) * R(9, 3), R(1, 2, 3, 4));
        GradCheck.Assert(v => F.Mean(v[0], [-1, 1], keepDims: true) * R(9, 2, 1, 1), R(1, 2, 3, 4));
        GradCheck.Assert(v => F.Max(v[0], [0, 2]) * R(9, 3), R(2, 2, 3, 4));
        GradCheck.Assert(v => F.Min(v[0], [1, 2], keepDims: true) * R(9, 2, 1, 1), R(3, 2, 3, 4));
        GradCheck.Assert(v => v[0].Max([0, 1]) * R(9, 4), R(4, 2, 3, 4));
    }

    [Fact]
    public void SecondDerivativesOverTuplesOfAxes()
    {
        GradCheck.AssertSecond(v => F.Mean(v[0] * v[0], [0, 2]), R(1, 2, 3, 2));
        GradCheck.AssertSecond(v => F.Max(v[0] * v[0] * v[0], [0, 1]), R(2, 2, 3));
    }

    [Fact]
    public void ValuesMatchTheTensorReductions()
    {
        var x = R(5, 2, 3, 4);
        var v = new Variable(x);
        Assert.True(Tensor.AllClose(F.Mean(v, [0, 2]).Data, x.Mean([0, 2]), 1e-14, 0));
        Assert.True(Tensor.AllClose(F.Max(v, [0, 2]).Data, x.Max([0, 2]), 0, 0));
        Assert.True(Tensor.AllClose(F.Min(v, [2, 0], keepDims: true).Data, x.Min([0, 2], keepDims: true), 0, 0));
        Assert.Equal([1, 3, 1], F.Max(v, [0, 2], keepDims: true).Shape);
    }

    [Fact]
    public void NullAxisWithKeepDimsCompilesAndMeansAllAxes()
    {
        var x = R(6, 2, 3);
        var v = new Variable(x);
        Assert.Equal([1, 1], F.Sum(v, null, true).Shape);
        Assert.Equal([1, 1], F.Mean(v, null, true).Shape);
        Assert.Equal([1, 1], F.Max(v, null, true).Shape);
        Assert.Equal([1, 1], F.Min(v, null, true).Shape);
        Assert.Equal([1, 1], v.Sum(null, true).Shape);
        Assert.Equal([1, 1], v.Max(null, true).Shape);
        Assert.Equal(x.Sum().Item(), F.Sum(v, null, true).Data.Item(), 14);
        Assert.Equal(x.Max().Item(), v.Max(null, true).Data.Item());
    }

    [Fact]
    public void RepeatedOrOutOfRangeAxesAreRefused()
    {
        var v = new Variable(R(7, 2, 3));
        Assert.Contains("repeated axis", Assert.Throws<ArgumentException>(() => F.Max(v, [0, 0])).Message);
        Assert.Contains("Mean", Assert.ThrowsAny<ArgumentException>(() => F.Mean(v, [0, 5])).Message);
    }

    [Fact]
    public void SingleAxisStaysVisibleForExporters()
    {
        Assert.Equal(1, new global::Nabla.Functions.MaxMin(true, 1).Axis);
        Assert.Null(new global::Nabla.Functions.MaxMin(true, [0, 1]).Axis);
        Assert.Equal([0, 1], new global::Nabla.Functions.MaxMin(true, [0, 1]).Axes!);
    }
}

/// <summary>The null-axis calls on tensors resolve as on variables.</summary>
public class TensorNullAxisTests
{
    [Fact]
    public void NullAxisWithKeepDimsCompilesOnTensors()
    {
        var x = Tensor.Arange(0.0, 6, 1, DType.Float64).Reshape(2, 3);
        Assert.Equal([1, 1], x.Sum(null, true).Shape);
        Assert.Equal(15.0, x.Sum(null, true).Reshape().Item());
        Assert.Equal([1, 1], x.Mean(null, true).Shape);
        Assert.Equal([1, 1], x.Max(null, true).Shape);
        Assert.Equal([1, 1], x.Min(null, true).Shape);
    }
}
