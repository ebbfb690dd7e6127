using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// 2-D average pooling of x (N, C, H, W): the mean of each kernel window, (N, C, OH, OW), the zero padding counted
/// in the window size (DeZero's and PyTorch's default). Linear; its gradient is its adjoint, <see cref="AveragePoolingGrad"/>.
/// </summary>
public sealed class AveragePooling(Pair kernel, Pair stride, Pair pad) : WindowFunction(kernel, stride, pad)
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var x = ConvShapes.Floats(xs)[0];
        return [x.AvgPool2d(ConvShapes.Pool(Name, x.Shape, Kernel, Stride, Pad))];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) =>
        [new AveragePoolingGrad(Inputs[0].Shape, Kernel, Stride, Pad).Call(gys[0])];

    /// <summary>Linear in its input, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
