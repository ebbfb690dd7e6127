using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

/// <summary>Leaves that ask for no gradient let Linear and Conv2d skip the input gradient; everything else is unchanged.</summary>
public class RequiresGradTests
{
    private static (Tensor? Gx, Tensor Gw) Grads(Func<Variable, Variable, Variable> f, Tensor x, Tensor w, bool requiresGrad)
    {
        var xv = new Variable(x) { RequiresGrad = requiresGrad };
        var wv = new Parameter(w);
        F.Sum(f(xv, wv) * f(xv, wv)).Backward();
        return (xv.Grad?.Data, wv.Grad!.Data);
    }

    [Theory]
    [InlineData("linear")]
    [InlineData("conv")]
    public void TheWeightGradientIsTheSameAndTheInputGradientIsSkipped(string op)
    {
        var gen = new Generator(3);
        Func<Variable, Variable, Variable> f = op == "linear" ? (x, w) => F.Linear(x, w) : (x, w) => F.Conv2d(x, w, pad: 1);
        var x = op == "linear" ? Tensor.Randn(gen, DType.Float64, 4, 3) : Tensor.Randn(gen, DType.Float64, 2, 3, 5, 5);
        var w = op == "linear" ? Tensor.Randn(gen, DType.Float64, 3, 2) : Tensor.Randn(gen, DType.Float64, 4, 3, 3, 3);
        var (gxOn, gwOn) = Grads(f, x, w, true);
        var (gxOff, gwOff) = Grads(f, x, w, false);
        Assert.NotNull(gxOn);
        Assert.Null(gxOff);
        Assert.True(Tensor.ArrayEqual(gwOn, gwOff));
    }

    /// <summary>A frozen weight (or bias) of Linear or MatMul gets no gradient, and the other gradients are unchanged.</summary>
    [Theory]
    [InlineData("linear w")]
    [InlineData("linear b")]
    [InlineData("matmul a")]
    [InlineData("matmul b")]
    public void AFrozenOperandGetsNoGradient(string name)
    {
        var gen = new Generator(12);
        var (x, w, b) = (Tensor.Randn(gen, DType.Float64, 4, 3), Tensor.Randn(gen, DType.Float64, 3, 2), Tensor.Randn(gen, DType.Float64, 2));
        Variable[] Run(bool frozen)
        {
            var vs = new[] { new Variable(x), new Variable(w), new Variable(b) };
            int frozenAt = name switch { "linear w" => 1, "linear b" => 2, "matmul a" => 0, _ => 1 };
            vs[frozenAt].RequiresGrad = !frozen;
            var y = name.StartsWith("linear") ? F.Linear(vs[0], vs[1], vs[2]) : F.MatMul(vs[0], vs[1]);
            F.Sum(y * y).Backward();
            return vs;
        }
        var (on, off) = (Run(false), Run(true));
        int at = name switch { "linear w" => 1, "linear b" => 2, "matmul a" => 0, _ => 1 };
        Assert.NotNull(on[at].Grad);
        Assert.Null(off[at].Grad);
        for (int i = 0; i < (name.StartsWith("linear") ? 3 : 2); i++)
            if (i != at) Assert.True(Tensor.ArrayEqual(on[i].Grad!.Data, off[i].Grad!.Data), $"{name}: input {i}");
    }

    /// <summary>A frozen convolution (or transposed convolution) weight or bias gets no gradient; the others are unchanged.</summary>
    [Theory]
    [InlineData("conv", 1)]
    [InlineData("conv", 2)]
    [InlineData("deconv", 0)]
    [InlineData("deconv", 1)]
    [InlineData("deconv", 2)]
    public void AFrozenConvolutionOperandGetsNoGradient(string op, int at)
    {
        var gen = new Generator(13);
        var x = Tensor.Randn(gen, DType.Float64, 2, 3, 5, 5);
        var w = op == "conv" ? Tensor.Randn(gen, DType.Float64, 4, 3, 3, 3) : Tensor.Randn(gen, DType.Float64, 3, 4, 3, 3);
        var b = Tensor.Randn(gen, DType.Float64, 4);
        Variable[] Run(bool frozen)
        {
            var vs = new[] { new Variable(x), new Variable(w), new Variable(b) };
            vs[at].RequiresGrad = !frozen;
            var y = op == "conv" ? F.Conv2d(vs[0], vs[1], vs[2], pad: 1) : F.Deconv2d(vs[0], vs[1], vs[2], pad: 1);
            F.Sum(y * y).Backward();
            return vs;
        }
        var (on, off) = (Run(false), Run(true));
        Assert.NotNull(on[at].Grad);
        Assert.Null(off[at].Grad);
        for (int i = 0; i < 3; i++)
            if (i != at) Assert.True(Tensor.ArrayEqual(on[i].Grad!.Data, off[i].Grad!.Data), $"{op}: input {i}");
    }

    [Fact]
    public void LeavesGetGradientsByDefaultAndIntermediatesAlways()
    {
        var x = new Variable(Tensor.Scalar(2.0)) { RequiresGrad = false };
        var h = x * 3.0;
        var w = new Variable(Tensor.Ones(DType.Float64, 1, 1));
        var y = F.Sum(F.Linear(F.Reshape(h, 1, 1), w));
        y.Backward(retainGrad: true);
        Assert.NotNull(h.Grad);
        Assert.NotNull(w.Grad);
        Assert.True(new Variable(Tensor.Scalar(1.0)).RequiresGrad);
    }

    [Fact]
    public void ALayerCalledOnATensorTrainsItsWeights()
    {
        var layer = new Conv2d(2, 3, pad: 1, dtype: DType.Float64, gen: new Generator(4));
        var y = F.Sum(layer.Forward(Tensor.Ones(DType.Float64, 1, 1, 4, 4)));
        y.Backward();
        Assert.NotNull(layer.W.Grad);
        Assert.Equal([2, 1, 3, 3], layer.W.Grad!.Shape);
        Assert.NotNull(layer.b!.Grad);
    }
}
