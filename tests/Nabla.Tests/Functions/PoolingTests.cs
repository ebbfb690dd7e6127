using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>Max and average pooling and their gradient functions: values against direct loops, ties, gradients, errors.</summary>
public class PoolingTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    private static Variable V(Tensor t) => new(t);

    private static Func<Variable[], Variable> Weighted(Func<Variable[], Variable> f, params int[] outShape)
    {
        var weights = R(777, outShape);
        return v => f(v) * weights;
    }

    // n, c, h, w, kh, kw, sh, sw, ph, pw
    [Theory]
    [InlineData(2, 3, 4, 4, 2, 2, 2, 2, 0, 0)]
    [InlineData(1, 2, 5, 7, 3, 3, 2, 2, 1, 1)]
    [InlineData(2, 1, 5, 6, 3, 2, 1, 2, 1, 0)]
    [InlineData(1, 1, 7, 5, 2, 3, 3, 1, 0, 1)]
    public void PoolingMatchesDirectLoops(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var x = R(1, n, c, h, w);
        var max = F.Pooling(V(x), (kh, kw), (sh, sw), (ph, pw)).Data;
        Assert.True(Tensor.AllClose(max, ConvReference.Pool(x, true, (kh, kw), (sh, sw), (ph, pw)), 0, 0));
        var mean = F.AveragePooling(V(x), (kh, kw), (sh, sw), (ph, pw)).Data;
        Assert.True(Tensor.AllClose(mean, ConvReference.Pool(x, false, (kh, kw), (sh, sw), (ph, pw)), 1e-12, 1e-12));
        var max32 = F.Pooling(V(x.AsType(DType.Float32)), (kh, kw), (sh, sw), (ph, pw)).Data;
        Assert.Equal(DType.Float32, max32.DType);
        Assert.True(Tensor.ArrayEqual(max32, max.AsType(DType.Float32)));
        var mean32 = F.AveragePooling(V(x.AsType(DType.Float32)), (kh, kw), (sh, sw), (ph, pw)).Data;
        Assert.True(Tensor.AllClose(mean32.AsType(DType.Float64), mean, 1e-5, 1e-6));
    }

    [Fact]
    public void StrideDefaultsToTheKernel()
    {
        var x = V(R(1, 2, 3, 6, 6));
        Assert.Equal([2, 3, 3, 3], F.Pooling(x, 2).Shape);
        Assert.Equal([2, 3, 2, 3], F.AveragePooling(x, (3, 2)).Shape);
        Assert.Equal([2, 3, 5, 5], F.Pooling(x, 2, stride: 1).Shape);
        Assert.Equal([2, 3, 5, 5], F.AveragePooling(x, 2, stride: 1).Shape);
    }

    [Fact]
    public void TiesSendTheGradientToTheFirstMaximumInTheWindow()
    {
        for (int run = 0; run < 2; run++)
        {
            var x = new Variable(Tensor.Ones(DType.Float64, 1, 1, 4, 4));
            F.Sum(F.Pooling(x, 2)).Backward();
            var expected = Tensor.FromArray(new double[,] { { 1, 0, 1, 0 }, { 0, 0, 0, 0 }, { 1, 0, 1, 0 }, { 0, 0, 0, 0 } });
            Assert.True(Tensor.ArrayEqual(x.Grad!.Data.Reshape(4, 4), expected), $"{x.Grad.Data}");

            // Overlapping windows: each gives its gradient to its own top-left element.
            var y = new Variable(Tensor.Full([1, 1, 3, 3], 2.0, DType.Float64));
            F.Sum(F.Pooling(y, 2, stride: 1)).Backward();
            var overlap = Tensor.FromArray(new double[,] { { 1, 1, 0 }, { 1, 1, 0 }, { 0, 0, 0 } });
            Assert.True(Tensor.ArrayEqual(y.Grad!.Data.Reshape(3, 3), overlap), $"{y.Grad.Data}");

            var z = new Variable(Tensor.FromArray(new double[,] { { 1, 3 }, { 3, 2 } }).Reshape(1, 1, 2, 2));
            F.Sum(F.Pooling(z, 2)).Backward();
            Assert.Equal([0.0, 1, 0, 0], z.Grad!.Data.ToArray<double>());
        }
    }

    [Fact]
    public void NaNIsTheMaximum()
    {
        var x = Tensor.FromArray(new[] { 1.0, double.NaN, 5.0, 2.0 }).Reshape(1, 1, 2, 2);
        Assert.True(double.IsNaN(F.Pooling(V(x), 2).Data.Item()));
    }

    [Fact]
    public void PoolingGradients()
    {
        GradCheck.Assert(Weighted(v => F.Pooling(v[0], 3, 2, 1), 2, 2, 3, 2), R(1, 2, 2, 5, 4));
        GradCheck.Assert(Weighted(v => F.Pooling(v[0], (2, 3), (1, 2)), 1, 3, 3, 2), R(2, 1, 3, 4, 5));
        GradCheck.Assert(Weighted(v => F.AveragePooling(v[0], 3, 2, 1), 2, 2, 3, 2), R(3, 2, 2, 5, 4));
        GradCheck.Assert(Weighted(v => F.AveragePooling(v[0], (2, 3), (1, 2)), 1, 3, 3, 2), R(4, 1, 3, 4, 5));
    }

    [Fact]
    public void GradientFunctionsHaveGradients()
    {
        var x = R(5, 2, 2, 5, 4);
        var pooling = new Pooling(3, 2, 1);
        pooling.Call(V(x));
        GradCheck.Assert(Weighted(v => new Pooling2DGrad(pooling).Call(v[0]), 2, 2, 5, 4), R(6, 2, 2, 3, 2));
        GradCheck.Assert(Weighted(v => new Pooling2DWithIndexes(pooling).Call(v[0]), 2, 2, 3, 2), R(7, 2, 2, 5, 4));
        GradCheck.Assert(Weighted(v => new AveragePoolingGrad([2, 2, 5, 4], 3, 2, 1).Call(v[0]), 2, 2, 5, 4), R(8, 2, 2, 3, 2));
    }

    [Fact]
    public void ScatterAndGatherAtTheMaximaAreAdjoint()
    {
        var pooling = new Pooling((2, 3), (1, 2), (1, 1));
        var y = pooling.Call(V(R(9, 2, 3, 5, 6)));
        var gy = R(10, y.Shape);
        var z = R(11, 2, 3, 5, 6);
        double left = (new Pooling2DGrad(pooling).Call(V(gy)).Data * z).Sum().Item();
        double right = (new Pooling2DWithIndexes(pooling).Call(V(z)).Data * gy).Sum().Item();
        Assert.Equal(left, right, 1e-10);
    }

    [Fact]
    public void SecondDerivatives()
    {
        // d²/dx² of sum(pool(x)²) runs the backward of Pooling2DGrad (Pooling2DWithIndexes) and of AveragePoolingGrad.
        GradCheck.AssertSecond(v => F.Pooling(v[0], 2).Pow(2), R(1, 2, 2, 4, 4));
        GradCheck.AssertSecond(v => F.Pooling(v[0], 3, 2, 1).Pow(3), R(2, 1, 2, 5, 4));
        GradCheck.AssertSecond(v => F.AveragePooling(v[0], 2).Pow(2), R(3, 2, 2, 4, 4));
        GradCheck.AssertSecond(v => F.AveragePooling(v[0], 3, 2, 1).Pow(3), R(4, 1, 2, 5, 4));
    }

    [Fact]
    public void BadInputsNameTheOperationAndShapes()
    {
        var x = V(R(1, 1, 2, 4, 4));
        Assert.Equal("Pooling: input of shape (2,4,4) needs 4 dimensions (N,C,H,W)",
            Assert.Throws<ArgumentException>(() => F.Pooling(V(R(1, 2, 4, 4)), 2)).Message);
        Assert.Equal("Pooling: kernel (5,2) is larger than the input of shape (1,2,4,4) padded by (0,0)",
            Assert.Throws<ArgumentException>(() => F.Pooling(x, (5, 2))).Message);
        Assert.Equal("Pooling: stride (0,0) must be positive",
            Assert.Throws<ArgumentException>(() => F.Pooling(x, 2, stride: 0)).Message);
        Assert.Equal("Pooling: padding (2,2) must be at most half the kernel size (3,3)",
            Assert.Throws<ArgumentException>(() => F.Pooling(x, 3, pad: 2)).Message);
        Assert.Equal("AveragePooling: input of shape (4,4) needs 4 dimensions (N,C,H,W)",
            Assert.Throws<ArgumentException>(() => F.AveragePooling(V(R(1, 4, 4)), 2)).Message);
        Assert.Equal("AveragePooling: stride (1,-2) must be positive",
            Assert.Throws<ArgumentException>(() => F.AveragePooling(x, 2, stride: (1, -2))).Message);
        Assert.Equal("AveragePooling: padding (0,2) must be at most half the kernel size (2,2)",
            Assert.Throws<ArgumentException>(() => F.AveragePooling(x, 2, pad: (0, 2))).Message);
        Assert.Equal("AveragePoolingGrad: output gradient of shape (1,2,3,3) should have shape (1,2,2,2)",
            Assert.Throws<ArgumentException>(() => new AveragePoolingGrad([1, 2, 4, 4], 2, 2, 0).Call(V(R(2, 1, 2, 3, 3)))).Message);

        var pooling = new Pooling(2, 2, 0);
        Assert.Equal("Pooling2DGrad: the Pooling function has not been run forward yet",
            Assert.Throws<InvalidOperationException>(() => new Pooling2DGrad(pooling)).Message);
        pooling.Call(x);
        Assert.Equal("Pooling2DGrad: output gradient of shape (1,2,4,4) should have shape (1,2,2,2)",
            Assert.Throws<ArgumentException>(() => new Pooling2DGrad(pooling).Call(x)).Message);
        Assert.Equal("Pooling2DWithIndexes: input of shape (1,2,2,2) should have shape (1,2,4,4)",
            Assert.Throws<ArgumentException>(() => new Pooling2DWithIndexes(pooling).Call(V(R(3, 1, 2, 2, 2)))).Message);
    }
}
