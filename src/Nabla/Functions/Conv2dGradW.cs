using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// The gradient of <see cref="Conv2dFunction"/>'s weight as a function of its two inputs, x (N, C, H, W) and the output
/// gradient gy (N, OC, OH, OW): gW (OC, C, KH, KW). It is bilinear, so its own gradients are a transposed
/// convolution of gy (for x) and a convolution of x (for gy), both by the incoming gradient of gW.
/// </summary>
public sealed class Conv2dGradW(Pair kernel, Pair stride, Pair pad) : Function
{
    private ConvGeometry geometry;

    /// <summary>The kernel size of the convolution, (KH, KW).</summary>
    public Pair Kernel { get; } = kernel;
    /// <summary>The convolution's stride, (SH, SW).</summary>
    public Pair Stride { get; } = stride;
    /// <summary>The convolution's zero padding on each side, (PH, PW).</summary>
    public Pair Pad { get; } = pad;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var t = ConvShapes.Floats(xs);
        geometry = ConvShapes.Window(Name, t[0].Shape, Kernel, Stride, Pad);
        var gy = t[1].Shape;
        if (gy.Length != 4 || gy[0] != geometry.N || gy[2] != geometry.OH || gy[3] != geometry.OW)
            throw new ArgumentException($"{Name}: output gradient of shape {ConvShapes.Format(gy)} does not fit the input of shape {ConvShapes.Format(t[0].Shape)}: needs (N,OC,OH,OW) = ({geometry.N},OC,{geometry.OH},{geometry.OW})");
        return [Tensor.Conv2dGradW(t[0], t[1], geometry)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x, gy, ggw) = (Inputs[0], Inputs[1], gys[0]);
        var gx = new Deconv2dFunction(Stride, Pad, (x.Shape[2], x.Shape[3])).Call(gy, ggw);
        var ggy = new Conv2dFunction(Stride, Pad).Call(x, ggw);
        return [gx, ggy];
    }

    /// <summary>Bilinear in x and gy.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var t = ConvShapes.Floats(xs);
        var dt = ConvShapes.Like(txs, t[0].DType);
        return [Tensor.Conv2dGradW(dt[0], t[1], geometry) + Tensor.Conv2dGradW(t[0], dt[1], geometry)];
    }
}
