using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>
/// A 2-D convolution layer, W of shape (out, in, KH, KW) with LeCun-normal initial weights as DeZero's.
/// When the input channels are left out, W is created on the first call.
/// </summary>
public sealed class Conv2d(int outChannels, Pair kernelSize, Pair? stride = null, Pair pad = default, bool noBias = false,
    int? inChannels = null, DType dtype = DType.Float32, Generator? gen = null)
    : ConvolutionLayer(outChannels, kernelSize, stride, pad, noBias, inChannels, dtype, gen)
{
    /// <inheritdoc/>
    protected override int InAxis => 1;

    /// <inheritdoc/>
    protected override Variable Apply(Variable x) => F.Conv2d(x, W, b, Stride, Pad);
}
