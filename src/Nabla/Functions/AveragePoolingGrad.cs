using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// The backward of <see cref="AveragePooling"/> over an input of shape <paramref name="inputShape"/>: each value of
/// gy (N, C, OH, OW) divided by the window size and added over its window. Linear; its gradient is average pooling.
/// </summary>
public sealed class AveragePoolingGrad(int[] inputShape, Pair kernel, Pair stride, Pair pad) : WindowFunction(kernel, stride, pad)
{
    /// <summary>The shape of the pooled input, (N, C, H, W): the shape of the result.</summary>
    public int[] InputShape { get; } = (int[])inputShape.Clone();
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var gy = ConvShapes.Floats(xs)[0];
        var g = ConvShapes.Pool(Name, InputShape, Kernel, Stride, Pad);
        ConvShapes.Expect(Name, "output gradient", gy.Shape, [g.N, g.C, g.OH, g.OW]);
        return [gy.AvgPool2dAdjoint(g)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) =>
        [new AveragePooling(Kernel, Stride, Pad).Call(gys[0])];

    /// <summary>Linear in its input, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
