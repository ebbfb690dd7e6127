using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>
/// Without a graph to record, Sum's backward hands its readers a read-only broadcast view instead of a copy.
/// Gradients must equal those of the recorded formula (createGraph), and every gradient the caller keeps
/// (a leaf's, or a retained one) must be an ordinary writable array.
/// </summary>
public class SumGradientViewTests
{
    private static Variable Leaf(int seed, params int[] shape) => new(Tensor.Randn(new Generator(seed), DType.Float32, shape));

    [Fact]
    public void LeafSummedDirectly_GetsWritableOnes()
    {
        var x = Leaf(1, 3, 4);
        F.Sum(x).Backward();
        var g = x.Grad!.Data;
        Assert.False(g.IsReadOnly);
        Assert.True(g.IsContiguous);
        Assert.True(Tensor.ArrayEqual(Tensor.OnesLike(x.Data), g));
        g.AddInPlace(Tensor.OnesLike(g));
        Assert.Equal(2.0, g.GetDouble(2, 3));
    }

    [Fact]
    public void RetainedIntermediateGradient_IsWritable()
    {
        var x = Leaf(2, 5);
        var e = x * 2.0;
        F.Sum(e).Backward(retainGrad: true);
        Assert.False(e.Grad!.Data.IsReadOnly);
        Assert.True(Tensor.ArrayEqual(Tensor.OnesLike(e.Data), e.Grad.Data));
        Assert.True(Tensor.ArrayEqual(Tensor.Full([5], 2.0, x.Data.DType), x.Grad!.Data));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(1)]
    public void PlainPass_EqualsRecordedFormulaBitForBit(int? axis)
    {
        // The W6 pattern, large enough for the pooled and chunked kernels, summed fully or over one axis first.
        Tensor Grad(bool createGraph)
        {
            var x = Leaf(3, 300, 400);
            var e = F.Tanh(x) * x + F.Exp(-x);
            var y = axis is int a ? F.Sum(F.Sum(e, a) * F.Sum(e, a)) : F.Sum(e);
            y.Backward(createGraph: createGraph);
            return x.Grad!.Data;
        }
        var plain = Grad(false);
        Assert.False(plain.IsReadOnly);
        Assert.True(Tensor.ArrayEqual(Grad(true), plain));
    }

    [Fact]
    public void CreateGraph_KeepsTheGradientDifferentiable()
    {
        var x = Leaf(4, 6);
        F.Sum(x * x).Backward(createGraph: true);
        var gx = x.Grad!;
        Assert.NotNull(gx.Creator);
        x.ClearGrad();
        F.Sum(gx).Backward();
        Assert.True(Tensor.ArrayEqual(Tensor.Full([6], 2.0, x.Data.DType), x.Grad!.Data));
    }
}
