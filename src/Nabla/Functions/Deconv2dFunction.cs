using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Transposed 2-D convolution ("deconvolution"), the adjoint of <see cref="Conv2dFunction"/> in its image: x (N, C, H, W)
/// with W (C, OC, KH, KW), as DeZero and PyTorch lay it out, plus b (OC) when given, gives (N, OC, OH, OW) with
/// OH = (H − 1)·stride − 2·pad + KH unless <paramref name="outsize"/> picks another size that convolves back to H.
/// Its gradients are a convolution (for x) and <see cref="Conv2dGradW"/> (for W).
/// </summary>
public sealed class Deconv2dFunction(Pair stride, Pair pad, Pair? outsize = null) : Function
{
    /// <summary>"Deconv2d": messages and graph drawings name the op without the suffix that tells it from the layer NN.Deconv2d.</summary>
    public override string Name => "Deconv2d";

    private ConvGeometry geometry;

    /// <summary>The stride of the convolution this transposes, (SH, SW).</summary>
    public Pair Stride { get; } = stride;
    /// <summary>The padding of the convolution this transposes, (PH, PW).</summary>
    public Pair Pad { get; } = pad;
    /// <summary>The output size (OH, OW), or null for (H − 1)·stride − 2·pad + K.</summary>
    public Pair? OutSize { get; } = outsize;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var t = ConvShapes.Floats(xs);
        geometry = ConvShapes.Deconv(Name, t[0].Shape, t[1].Shape, t.Length > 2 ? t[2].Shape : null, Stride, Pad, OutSize);
        return [Tensor.ConvTranspose2d(t[0], t[1], t.Length > 2 ? t[2] : null, geometry)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x, w, gy) = (Inputs[0], Inputs[1], gys[0]);
        var gx = InputNeedsGrad(0) ? new Conv2dFunction(Stride, Pad).Call(gy, w) : null;
        var gw = InputNeedsGrad(1) ? new Conv2dGradW((w.Shape[2], w.Shape[3]), Stride, Pad).Call(gy, x) : null;
        return ConvShapes.WithBiasGrad(Inputs, gx, gw, gy, Inputs.Length > 2 && InputNeedsGrad(2));
    }

    /// <summary>Bilinear in x and W: deconv(ẋ, W) + deconv(x, Ẇ) + ḃ.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) =>
        [ConvShapes.BilinearJvp(xs, txs, (x, w, b) => Tensor.ConvTranspose2d(x, w, b, geometry))];
}
