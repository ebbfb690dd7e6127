using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>A transposed 2-D convolution layer, W of shape (in, out, KH, KW) as DeZero's; input channels may be inferred.</summary>
public sealed class Deconv2d(int outChannels, Pair kernelSize, Pair? stride = null, Pair pad = default, bool noBias = false,
    int? inChannels = null, DType dtype = DType.Float32, Generator? gen = null)
    : ConvolutionLayer(outChannels, kernelSize, stride, pad, noBias, inChannels, dtype, gen)
{
    /// <inheritdoc/>
    protected override int InAxis => 0;

    /// <inheritdoc/>
    protected override Variable Apply(Variable x) => F.Deconv2d(x, W, b, Stride, Pad);
}
