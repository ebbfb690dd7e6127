using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>Gradient and forward-mode checks of the shape functions called directly, including the ones backprop uses internally.</summary>
public class LinearFunctionTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    [Fact]
    public void GetItemGradScatterAddsAndDifferentiates()
    {
        TensorIndex[] index = [Tensor.FromArray(new long[] { 0, 2, 0 })];
        GradCheck.Assert(v => new GetItemGrad(index, [4, 3]).Call(v[0]) * 2.0, R(1, 3, 3));
        GradCheck.Assert(v => new GetItem(index).Call(v[0]), R(2, 4, 3));
    }

    [Fact]
    public void SumToAndBroadcastToAreAdjoint()
    {
        GradCheck.Assert(v => new SumTo([1, 3]).Call(v[0]), R(3, 4, 3));
        GradCheck.Assert(v => new BroadcastTo([2, 4, 3]).Call(v[0]), R(4, 4, 1));
        GradCheck.AssertSecond(v => F.Pow(new BroadcastTo([2, 3]).Call(v[0]), 3), R(5, 3));
    }

    [Fact]
    public void NegSubDivMaxMinDirectly()
    {
        GradCheck.Assert(v => new Neg().Call(v[0]), R(6, 2, 3));
        GradCheck.Assert(v => new Sub().Call(v[0], v[1]), R(7, 2, 3), R(8, 3));
        GradCheck.Assert(v => new Div().Call(v[0], v[1]), R(9, 2, 3), R(10, 3) * 0.1 + 2.0);
        GradCheck.Assert(v => new MaxMin(true, 1).Call(v[0]), R(11, 3, 4));
        GradCheck.Assert(v => new MaxMin(false, null, true).Call(v[0]), R(12, 3, 4));
    }
}
