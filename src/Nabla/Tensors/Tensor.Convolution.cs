namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>2-D convolution of an NCHW batch: (N, OC, OH, OW) from x (N, C, H, W), w (OC, C, KH, KW) and an optional bias (OC).</summary>
    internal static Tensor Conv2d(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        CheckDevice("Conv2d", x.Device, w, b);
        return x.Backend.Conv2d(x, w, b, g);
    }

    /// <summary>
    /// The transposed convolution: (N, C, H, W) from x (N, OC, OH, OW) and w (OC, C, KH, KW), plus an optional bias
    /// (C) added per channel. It is Conv2d's input gradient and Deconv2d's forward.
    /// </summary>
    internal static Tensor ConvTranspose2d(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        CheckDevice("Deconv2d", x.Device, w, b);
        var y = x.Backend.ConvTranspose2d(x, w, g);
        if (b is null) return y;
        var result = y + b.Reshape(1, g.C, 1, 1);
        y.Release();
        return result;
    }

    /// <summary>Conv2d's weight gradient (OC, C, KH, KW) from x (N, C, H, W) and gy (N, OC, OH, OW).</summary>
    internal static Tensor Conv2dGradW(Tensor x, Tensor gy, ConvGeometry g)
    {
        CheckDevice("Conv2DGradW", x.Device, gy);
        return x.Backend.Conv2dGradW(x, gy, g);
    }

    /// <summary>DeZero's im2col: the windows of an image batch as (N, C, KH, KW, OH, OW).</summary>
    internal Tensor Im2Col(ConvGeometry g) => Backend.Im2Col(this, g);

    /// <summary>The adjoint of <see cref="Im2Col"/>: (N, C, KH, KW, OH, OW) columns added back into (N, C, H, W) images.</summary>
    internal Tensor Col2Im(ConvGeometry g) => Backend.Col2Im(this, g);

    /// <summary>Max pooling over float NCHW images; <paramref name="indexes"/> (Int32, the result's shape) holds the flat input index of each maximum.</summary>
    internal Tensor MaxPool2d(ConvGeometry g, out Tensor indexes) => Backend.MaxPool(this, g, out indexes);

    /// <summary>Max pooling's backward: zeros of the image shape with each gradient added at its index.</summary>
    internal static Tensor PoolScatter(Tensor gy, Tensor indexes, ConvGeometry g)
    {
        CheckDevice("Pooling2DGrad", gy.Device, indexes);
        return gy.Backend.PoolScatter(gy, indexes, g);
    }

    /// <summary>The elements at max pooling's indexes, in the pooled shape (the adjoint of <see cref="PoolScatter"/>).</summary>
    internal Tensor PoolGather(Tensor indexes, ConvGeometry g)
    {
        CheckDevice("Pooling2DWithIndexes", Device, indexes);
        return Backend.PoolGather(this, indexes, g);
    }

    /// <summary>Average pooling, the padding counted as zeros.</summary>
    internal Tensor AvgPool2d(ConvGeometry g) => Backend.AvgPool(this, g);

    /// <summary>The adjoint of <see cref="AvgPool2d"/>.</summary>
    internal Tensor AvgPool2dAdjoint(ConvGeometry g) => Backend.AvgPoolAdjoint(this, g);
}
