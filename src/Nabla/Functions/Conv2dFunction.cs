using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// 2-D convolution (cross-correlation, as in every framework) of x (N, C, H, W) with W (OC, C, KH, KW), plus b (OC)
/// when given: y (N, OC, OH, OW) with OH = (H + 2·pad − KH) / stride + 1. Inputs: x, W and optionally b.
/// The gradient of x is a transposed convolution (<see cref="Deconv2dFunction"/>), that of W is <see cref="Conv2dGradW"/>.
/// </summary>
public sealed class Conv2dFunction(Pair stride, Pair pad) : Function
{
    /// <summary>"Conv2d": messages and graph drawings name the op without the suffix that tells it from the layer NN.Conv2d.</summary>
    public override string Name => "Conv2d";

    private ConvGeometry geometry;

    /// <summary>The step between windows, (SH, SW).</summary>
    public Pair Stride { get; } = stride;
    /// <summary>The zero padding added on each side, (PH, PW).</summary>
    public Pair Pad { get; } = pad;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var t = ConvShapes.Floats(xs);
        geometry = ConvShapes.Conv(Name, t[0].Shape, t[1].Shape, t.Length > 2 ? t[2].Shape : null, Stride, Pad);
        return [Tensor.Conv2d(t[0], t[1], t.Length > 2 ? t[2] : null, geometry)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x, w, gy) = (Inputs[0], Inputs[1], gys[0]);
        var gx = InputNeedsGrad(0) ? new Deconv2dFunction(Stride, Pad, (x.Shape[2], x.Shape[3])).Call(gy, w) : null;
        var gw = InputNeedsGrad(1) ? new Conv2dGradW((w.Shape[2], w.Shape[3]), Stride, Pad).Call(x, gy) : null;
        return ConvShapes.WithBiasGrad(Inputs, gx, gw, gy, Inputs.Length > 2 && InputNeedsGrad(2));
    }

    /// <summary>Bilinear in x and W: conv(ẋ, W) + conv(x, Ẇ) + ḃ.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) =>
        [ConvShapes.BilinearJvp(xs, txs, (x, w, b) => Tensor.Conv2d(x, w, b, geometry))];
}
