using Nabla.Autodiff;
using Nabla.Tensors;
using Xunit;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>F.Pad: NumPy's and PyTorch's width conventions, the constant, gradients and errors.</summary>
public class PadTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    [Fact]
    public void NumPyWidthsPerAxisWithAValue()
    {
        // np.pad([[1, 2], [3, 4]], ((1, 0), (0, 2)), constant_values=9)
        var x = new Variable(Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }));
        var y = F.Pad(x, [(1, 0), (0, 2)], 9);
        Assert.Equal([3, 4], y.Shape);
        Assert.Equal(new double[] { 9, 9, 9, 9, 1, 2, 9, 9, 3, 4, 9, 9 }, y.Data.ToArray<double>());
        Assert.Equal(DType.Float64, y.DType);
    }

    [Fact]
    public void OnePairPadsEveryAxis()
    {
        var y = F.Pad(new Variable(Tensor.Ones(DType.Float32, 2, 3)), [(1, 1)]);
        Assert.Equal([4, 5], y.Shape);
        Assert.Equal(6.0, y.Data.Sum().Item());
        Assert.Equal(DType.Float32, y.DType);
    }

    [Fact]
    public void PyTorchWidthsStartFromTheLastAxis()
    {
        // torch.nn.functional.pad(x (1,2,3), (1, 2)) pads the last axis: (1, 2, 6); (1, 2, 0, 1) also the middle: (1, 3, 6).
        var x = new Variable(R(1, 1, 2, 3));
        Assert.Equal([1, 2, 6], F.Pad(x, [1, 2]).Shape);
        var y = F.Pad(x, [1, 2, 0, 1], -1);
        Assert.Equal([1, 3, 6], y.Shape);
        Assert.Equal(x.Data.ToArray<double>(), y.Data[.., 0..2, 1..4].Copy().ToArray<double>());
        Assert.Equal(-1.0, y.Data[0, 2, 0].Item());
    }

    [Fact]
    public void GradientsForwardModeAndSecondDerivative()
    {
        GradCheck.Assert(v => F.Pad(v[0], [(1, 2), (0, 1), (2, 0)], 0.5) * R(9, 5, 4, 6), R(1, 2, 3, 4));
        GradCheck.Assert(v => F.Pad(v[0] * v[0], [1, 1]) * R(9, 3, 4), R(2, 3, 2));
        GradCheck.AssertSecond(v => F.Pad(v[0] * v[0] * v[0], [(1, 1)], 3) * R(9, 4, 5), R(3, 2, 3));
    }

    [Fact]
    public void BadWidthsAreRefusedNamingPad()
    {
        var x = new Variable(R(1, 2, 3));
        Assert.Contains("Pad", Assert.Throws<ArgumentException>(() => F.Pad(x, [(1, 1), (1, 1), (1, 1)])).Message);
        Assert.Contains("non-negative", Assert.Throws<ArgumentException>(() => F.Pad(x, [(1, -1), (0, 0)])).Message);
        Assert.Contains("even", Assert.Throws<ArgumentException>(() => F.Pad(x, [1, 2, 3])).Message);
        Assert.Contains("Pad", Assert.Throws<ArgumentException>(() => F.Pad(x, [1, 1, 1, 1, 1, 1])).Message);
    }
}
