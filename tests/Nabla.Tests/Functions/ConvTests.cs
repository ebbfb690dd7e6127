using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>Convolution, transposed convolution and im2col/col2im: values against direct loops, adjointness, gradients, errors.</summary>
public class ConvTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    private static Variable V(Tensor t) => new(t);

    private static double Inner(Tensor a, Tensor b) => (a.AsType(DType.Float64) * b.AsType(DType.Float64)).Sum().Item();

    /// <summary>f weighted by fixed random values, so that the checked gradient of sum(f) is not just a column sum.</summary>
    private static Func<Variable[], Variable> Weighted(Func<Variable[], Variable> f, params Tensor[] inputs)
    {
        Tensor y;
        using (Config.NoGrad()) y = f(inputs.Select(t => new Variable(t.AsType(DType.Float64))).ToArray()).Data;
        var weights = R(777, y.Shape);
        return v => f(v) * weights;
    }

    private static void Check(Func<Variable[], Variable> f, params Tensor[] inputs) => GradCheck.Assert(Weighted(f, inputs), inputs);

    // n, c, h, w, oc, kh, kw, sh, sw, ph, pw, bias: odd sizes, strides 2 and 3, paddings, non-square kernels, batches > 1.
    [Theory]
    [InlineData(1, 1, 5, 5, 1, 3, 3, 1, 1, 0, 0, false)]
    [InlineData(2, 3, 7, 6, 4, 3, 2, 2, 1, 1, 0, true)]
    [InlineData(3, 2, 5, 7, 3, 2, 3, 2, 2, 1, 1, true)]
    [InlineData(2, 2, 4, 4, 5, 4, 4, 1, 1, 0, 0, false)]
    [InlineData(2, 1, 3, 3, 2, 3, 3, 3, 3, 1, 2, true)]
    [InlineData(1, 2, 6, 5, 2, 1, 1, 2, 2, 0, 0, true)]
    // Stride 1 with output rows as wide as input rows takes im2col's block-copy path: "same" padding, a kernel
    // taller than the image with rows made only of padding, a kernel wider than the image, no padding across.
    [InlineData(2, 3, 5, 6, 4, 3, 3, 1, 1, 1, 1, true)]
    [InlineData(2, 2, 2, 1, 3, 5, 3, 1, 1, 3, 1, false)]
    [InlineData(1, 2, 4, 5, 2, 2, 1, 1, 1, 0, 0, true)]
    public void Conv2dMatchesDirectLoops(int n, int c, int h, int w, int oc, int kh, int kw, int sh, int sw, int ph, int pw, bool bias)
    {
        var x = R(1, n, c, h, w);
        var weight = R(2, oc, c, kh, kw);
        var b = bias ? R(3, oc) : null;
        var expected = ConvReference.Conv(x, weight, b, (sh, sw), (ph, pw));
        var y = F.Conv2d(V(x), V(weight), b is null ? null : V(b), (sh, sw), (ph, pw)).Data;
        Assert.Equal(expected.Shape, y.Shape);
        Assert.True(Tensor.AllClose(y, expected, 1e-12, 1e-12), $"{y} vs {expected}");

        var y32 = F.Conv2d(V(x.AsType(DType.Float32)), V(weight.AsType(DType.Float32)),
            b is null ? null : V(b.AsType(DType.Float32)), (sh, sw), (ph, pw)).Data;
        Assert.Equal(DType.Float32, y32.DType);
        Assert.True(Tensor.AllClose(y32.AsType(DType.Float64), expected, 1e-4, 1e-4));
    }

    [Theory]
    [InlineData(1, 1, 5, 5, 1, 3, 3, 1, 1, 0, 0, false)]
    [InlineData(2, 3, 7, 6, 4, 3, 2, 2, 1, 1, 0, true)]
    [InlineData(3, 2, 5, 7, 3, 2, 3, 2, 2, 1, 1, true)]
    [InlineData(2, 1, 3, 3, 2, 3, 3, 3, 3, 1, 2, true)]
    [InlineData(1, 2, 4, 3, 2, 1, 1, 2, 2, 0, 0, false)]
    public void Deconv2dMatchesDirectLoopsAndPyTorchShape(int n, int c, int h, int w, int oc, int kh, int kw, int sh, int sw, int ph, int pw, bool bias)
    {
        var x = R(4, n, c, h, w);
        var weight = R(5, c, oc, kh, kw);
        var b = bias ? R(6, oc) : null;
        var size = ((h - 1) * sh - 2 * ph + kh, (w - 1) * sw - 2 * pw + kw);
        var expected = ConvReference.Deconv(x, weight, b, (sh, sw), (ph, pw), size);
        var y = F.Deconv2d(V(x), V(weight), b is null ? null : V(b), (sh, sw), (ph, pw)).Data;
        Assert.Equal([n, oc, size.Item1, size.Item2], y.Shape);
        Assert.True(Tensor.AllClose(y, expected, 1e-12, 1e-12), $"{y} vs {expected}");

        var y32 = F.Deconv2d(V(x.AsType(DType.Float32)), V(weight.AsType(DType.Float32)),
            b is null ? null : V(b.AsType(DType.Float32)), (sh, sw), (ph, pw)).Data;
        Assert.Equal(DType.Float32, y32.DType);
        Assert.True(Tensor.AllClose(y32.AsType(DType.Float64), expected, 1e-4, 1e-4));
    }

    [Fact]
    public void Deconv2dOutsizeMayTakeUpTheRemainderOfTheStride()
    {
        // Convolving 5 or 6 rows with kernel 3, stride 2, pad 1 both give 3 rows: 5 is the default, 6 may be asked for.
        var x = R(7, 2, 2, 3, 3);
        var w = R(8, 2, 3, 3, 3);
        Assert.Equal([2, 3, 5, 5], F.Deconv2d(V(x), V(w), stride: 2, pad: 1).Shape);
        var y = F.Deconv2d(V(x), V(w), stride: 2, pad: 1, outsize: (6, 5)).Data;
        Assert.Equal([2, 3, 6, 5], y.Shape);
        Assert.True(Tensor.AllClose(y, ConvReference.Deconv(x, w, null, (2, 2), (1, 1), (6, 5)), 1e-12, 1e-12));
        var ex = Assert.Throws<ArgumentException>(() => F.Deconv2d(V(x), V(w), stride: 2, pad: 1, outsize: (7, 5)));
        Assert.Equal("Deconv2d: output size (7,5) does not fit the input of shape (2,2,3,3) with kernel (3,3), stride (2,2) and padding (1,1): convolving it back gives (4,3)", ex.Message);
    }

    [Theory]
    [InlineData(2, 3, 7, 6, 4, 3, 2, 2, 1, 1, 0)]
    [InlineData(3, 2, 5, 7, 3, 2, 3, 2, 2, 1, 1)]
    [InlineData(1, 1, 8, 8, 2, 3, 3, 3, 2, 0, 1)]
    [InlineData(2, 3, 5, 6, 4, 3, 3, 1, 1, 1, 1)]
    public void ConvAndDeconvAreAdjoint(int n, int c, int h, int w, int oc, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var x = R(9, n, c, h, w);
        var weight = R(10, oc, c, kh, kw);
        var conv = F.Conv2d(V(x), V(weight), null, (sh, sw), (ph, pw)).Data;
        var y = R(11, conv.Shape);
        var back = F.Deconv2d(V(y), V(weight), null, (sh, sw), (ph, pw), (h, w)).Data;
        Assert.Equal(x.Shape, back.Shape);
        Assert.Equal(Inner(conv, y), Inner(x, back), 1e-9);
    }

    [Theory]
    [InlineData(2, 3, 5, 4, 3, 2, 2, 1, 1, 0)]
    [InlineData(1, 2, 6, 7, 2, 3, 1, 2, 0, 1)]
    [InlineData(2, 3, 5, 4, 3, 3, 1, 1, 1, 1)]
    [InlineData(1, 2, 2, 3, 4, 3, 1, 1, 2, 1)]
    public void Im2colLayoutIsDeZeros(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw)
    {
        var x = R(12, n, c, h, w);
        var col = F.Im2Col(V(x), (kh, kw), (sh, sw), (ph, pw), toMatrix: false).Data;
        int oh = (h + 2 * ph - kh) / sh + 1, ow = (w + 2 * pw - kw) / sw + 1;
        Assert.Equal([n, c, kh, kw, oh, ow], col.Shape);
        for (int a = 0; a < n; a++)
        for (int ch = 0; ch < c; ch++)
        for (int p = 0; p < kh; p++)
        for (int q = 0; q < kw; q++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            int r = i * sh - ph + p, s = j * sw - pw + q;
            double expected = r >= 0 && r < h && s >= 0 && s < w ? x.GetDouble(a, ch, r, s) : 0;
            Assert.Equal(expected, col.GetDouble(a, ch, p, q, i, j));
        }
        var matrix = F.Im2Col(V(x), (kh, kw), (sh, sw), (ph, pw)).Data;
        Assert.True(Tensor.ArrayEqual(matrix, col.Transpose(0, 4, 5, 1, 2, 3).Reshape(n * oh * ow, -1)));
    }

    [Theory]
    [InlineData(2, 3, 5, 4, 3, 2, 2, 1, 1, 0, true)]
    [InlineData(2, 3, 5, 4, 3, 2, 2, 1, 1, 0, false)]
    [InlineData(1, 2, 6, 7, 2, 3, 1, 2, 0, 1, true)]
    [InlineData(3, 1, 7, 7, 3, 3, 2, 2, 2, 1, false)]
    public void Im2colAndCol2imAreAdjoint(int n, int c, int h, int w, int kh, int kw, int sh, int sw, int ph, int pw, bool toMatrix)
    {
        var x = R(13, n, c, h, w);
        var col = F.Im2Col(V(x), (kh, kw), (sh, sw), (ph, pw), toMatrix).Data;
        var y = R(14, col.Shape);
        var back = F.Col2Im(V(y), [n, c, h, w], (kh, kw), (sh, sw), (ph, pw), toMatrix).Data;
        Assert.Equal(x.Shape, back.Shape);
        Assert.Equal(Inner(col, y), Inner(x, back), 1e-9);
    }

    [Fact]
    public void Conv2dGradients()
    {
        Check(v => F.Conv2d(v[0], v[1], v[2], (2, 1), (1, 0)), R(1, 2, 2, 5, 4), R(2, 3, 2, 3, 2), R(3, 3));
        Check(v => F.Conv2d(v[0], v[1], null, 2, 1), R(4, 2, 2, 5, 5), R(5, 2, 2, 3, 3));
        Check(v => F.Conv2d(v[0], v[1]), R(6, 1, 3, 4, 4), R(7, 2, 3, 2, 2));
        Check(v => F.Conv2d(v[0], v[1], v[2], 1, 1), R(8, 2, 2, 4, 5), R(9, 3, 2, 3, 3), R(10, 3));
    }

    [Fact]
    public void Deconv2dGradients()
    {
        Check(v => F.Deconv2d(v[0], v[1], v[2], (2, 1), (1, 0)), R(1, 2, 2, 3, 4), R(2, 2, 3, 3, 2), R(3, 3));
        Check(v => F.Deconv2d(v[0], v[1], null, 2, 1, (6, 5)), R(4, 1, 2, 3, 3), R(5, 2, 2, 3, 3));
    }

    [Fact]
    public void Conv2DGradWGradients()
    {
        // x (2,2,5,4) with kernel (3,2), stride (2,1), pad (1,0) gives gy of shape (2,3,3,3) for 3 output channels.
        Check(v => new Conv2dGradW((3, 2), (2, 1), (1, 0)).Call(v[0], v[1]), R(1, 2, 2, 5, 4), R(2, 2, 3, 3, 3));
        Check(v => new Conv2dGradW(2, 1, 0).Call(v[0], v[1]), R(3, 1, 2, 3, 3), R(4, 1, 2, 2, 2));
    }

    [Fact]
    public void Im2colAndCol2imGradients()
    {
        Check(v => F.Im2Col(v[0], (3, 2), (2, 1), (1, 1)), R(1, 2, 2, 4, 3));
        Check(v => F.Im2Col(v[0], 2, 1, 0, toMatrix: false), R(2, 1, 2, 3, 3));
        // (2,2,4,3) with kernel (3,2), stride (2,1), pad 1: 2x4 windows, so 16 rows of 12.
        Check(v => F.Col2Im(v[0], [2, 2, 4, 3], (3, 2), (2, 1), 1), R(3, 16, 12));
        Check(v => F.Col2Im(v[0], [1, 2, 3, 3], 2, 1, 0, toMatrix: false), R(4, 1, 2, 2, 2, 2, 2));
    }

    [Fact]
    public void SecondDerivatives()
    {
        var x = R(1, 2, 2, 5, 4);
        var w = R(2, 3, 2, 3, 2);
        var b = R(3, 3);
        // d²/dx² of sum(conv(x,W)²) runs Deconv2d's backward; w.r.t. W it runs Conv2dGradW's.
        GradCheck.AssertSecond(v => F.Conv2d(v[0], v[1], v[2], (2, 1), (1, 0)).Pow(2), x, w, b);
        GradCheck.AssertSecond(v => F.Conv2d(v[1], v[0], null, (2, 1), (1, 0)).Pow(2), w, x);
        GradCheck.AssertSecond(v => F.Deconv2d(v[0], v[1], null, 2, 1).Pow(2), R(4, 1, 2, 3, 3), R(5, 2, 2, 3, 3));
        GradCheck.AssertSecond(v => F.Tanh(F.Conv2d(F.Tanh(v[0]), v[1], null, 1, 1)), R(6, 1, 2, 3, 3), R(7, 2, 2, 3, 3));
    }

    [Fact]
    public void SmallCnnRunsForwardAndBackward()
    {
        // The MNIST network's shape at batch 2: conv 1->4 3x3 pad 1, relu, pool 2, conv 4->8 3x3 pad 1, relu, pool 2, linear.
        var gen = new Generator(5);
        var x = new Variable(Tensor.Randn(gen, DType.Float32, 2, 1, 28, 28));
        var w1 = new Parameter(Tensor.Randn(gen, DType.Float32, 4, 1, 3, 3) * 0.3);
        var b1 = new Parameter(Tensor.Zeros(4));
        var w2 = new Parameter(Tensor.Randn(gen, DType.Float32, 8, 4, 3, 3) * 0.1);
        var b2 = new Parameter(Tensor.Zeros(8));
        var w3 = new Parameter(Tensor.Randn(gen, DType.Float32, 8 * 7 * 7, 10) * 0.05);
        var h = F.Pooling(F.ReLU(F.Conv2d(x, w1, b1, pad: 1)), 2);
        h = F.Pooling(F.ReLU(F.Conv2d(h, w2, b2, pad: 1)), 2);
        Assert.Equal([2, 8, 7, 7], h.Shape);
        var loss = F.SoftmaxCrossEntropy(F.Linear(F.Flatten(h), w3), Tensor.FromArray(new[] { 3, 7 }));
        loss.Backward();
        foreach (var p in new[] { w1, b1, w2, b2, w3 })
        {
            Assert.Equal(p.Shape, p.Grad!.Shape);
            Assert.Equal(DType.Float32, p.Grad.DType);
            Assert.True(p.Grad.Data.Abs().Sum().Item() > 0);
        }
    }

    [Fact]
    public void PairConvertsFromIntAndTuple()
    {
        Pair a = 3, b = (2, 5);
        Assert.Equal(new Pair(3, 3), a);
        Assert.Equal(2, b.H);
        Assert.Equal(5, b.W);
        Assert.Equal("(2,5)", b.ToString());
    }

    [Fact]
    public void BadInputsNameTheOperationAndShapes()
    {
        var x = V(R(1, 1, 3, 5, 5));
        var w = V(R(2, 2, 3, 3, 3));
        Assert.Equal("Conv2d: input of shape (2,3,5) needs 4 dimensions (N,C,H,W)",
            Assert.Throws<ArgumentException>(() => F.Conv2d(V(R(1, 2, 3, 5)), w)).Message);
        Assert.Equal("Conv2d: weight of shape (2,3,3) needs 4 dimensions (OC,C,KH,KW)",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, V(R(2, 2, 3, 3)))).Message);
        Assert.Equal("Conv2d: input of shape (1,3,5,5) has 3 channels but weight of shape (2,2,3,3) expects 2",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, V(R(2, 2, 2, 3, 3)))).Message);
        Assert.Equal("Conv2d: kernel (6,3) is larger than the input of shape (1,3,5,5) padded by (0,0)",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, V(R(2, 2, 3, 6, 3)))).Message);
        Assert.Equal("Conv2d: stride (0,1) must be positive",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, w, stride: (0, 1))).Message);
        Assert.Equal("Conv2d: stride (-1,-1) must be positive",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, w, stride: -1)).Message);
        Assert.Equal("Conv2d: padding (-1,0) must not be negative",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, w, pad: (-1, 0))).Message);
        Assert.Equal("Conv2d: bias of shape (3,) does not match the 2 output channels of weight of shape (2,3,3,3)",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, w, V(R(3, 3)))).Message);
        Assert.Equal("Conv2d: bias of shape (2,1) does not match the 2 output channels of weight of shape (2,3,3,3)",
            Assert.Throws<ArgumentException>(() => F.Conv2d(x, w, V(R(3, 2, 1)))).Message);

        Assert.Equal("Deconv2d: input of shape (1,3,5,5) has 3 channels but weight of shape (2,3,3,3) expects 2",
            Assert.Throws<ArgumentException>(() => F.Deconv2d(x, w)).Message);
        Assert.Equal("Deconv2d: bias of shape (2,) does not match the 3 output channels of weight of shape (3,3,2,2)",
            Assert.Throws<ArgumentException>(() => F.Deconv2d(x, V(R(2, 3, 3, 2, 2)), V(R(3, 2)))).Message);
        Assert.Contains("Deconv2d: input of shape (1,3,1,1) with kernel (1,1), stride (1,1) and padding (1,1) gives an empty output",
            Assert.Throws<ArgumentException>(() => F.Deconv2d(V(R(1, 1, 3, 1, 1)), V(R(2, 3, 3, 1, 1)), pad: 1)).Message);

        Assert.Equal("Conv2dGradW: output gradient of shape (1,2,4,3) does not fit the input of shape (1,3,5,5): needs (N,OC,OH,OW) = (1,OC,3,3)",
            Assert.Throws<ArgumentException>(() => new Conv2dGradW(3, 1, 0).Call(x, V(R(2, 1, 2, 4, 3)))).Message);
        Assert.Equal("Im2Col: input of shape (3,5,5) needs 4 dimensions (N,C,H,W)",
            Assert.Throws<ArgumentException>(() => F.Im2Col(V(R(1, 3, 5, 5)), 2)).Message);
        Assert.Equal("Im2Col: kernel size (0,2) must be positive",
            Assert.Throws<ArgumentException>(() => F.Im2Col(x, (0, 2))).Message);
        Assert.Equal("Col2Im: columns of shape (4,27) should have shape (9,27)",
            Assert.Throws<ArgumentException>(() => F.Col2Im(V(R(2, 4, 27)), [1, 3, 5, 5], 3, 1, 0)).Message);
    }
}
