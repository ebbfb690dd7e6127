using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Functions;

/// <summary>The tensor-level convolutions behind Conv2d, Deconv2d and Conv2DGradW: one GEMM per image on cache-sized
/// columns (see <see cref="ConvGemm"/>).</summary>
internal static class Convolution
{
    public static Tensor Forward(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        int oc = w.Dim(0);
        var (xc, wc, bc) = (x.Contiguous(), w.Contiguous(), b?.Contiguous());
        var y = Uninitialized.Tensor(xc.DType, [g.N, oc, g.OH, g.OW], "Conv2d");
        if (xc.DType == DType.Float32)
            ConvGemm.Forward(xc.Buffer<float>(), xc.Offset, wc.Buffer<float>(), wc.Offset, bc?.Buffer<float>(), bc?.Offset ?? 0, y.Buffer<float>(), g, oc);
        else
            ConvGemm.Forward(xc.Buffer<double>(), xc.Offset, wc.Buffer<double>(), wc.Offset, bc?.Buffer<double>(), bc?.Offset ?? 0, y.Buffer<double>(), g, oc);
        ReturnIfCopy(xc, x);
        return y;
    }

    public static Tensor Transposed(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        int c = w.Dim(0);
        var (xc, wc) = (x.Contiguous(), w.Contiguous());
        var y = Uninitialized.Tensor(xc.DType, [g.N, g.C, g.H, g.W], "Deconv2d");
        if (xc.DType == DType.Float32)
            ConvGemm.Transposed(xc.Buffer<float>(), xc.Offset, wc.Buffer<float>(), wc.Offset, y.Buffer<float>(), g, c);
        else
            ConvGemm.Transposed(xc.Buffer<double>(), xc.Offset, wc.Buffer<double>(), wc.Offset, y.Buffer<double>(), g, c);
        ReturnIfCopy(xc, x);
        if (b is null) return y;
        var result = y + b.Reshape(1, g.C, 1, 1);
        StoragePool.Return(y);
        return result;
    }

    public static Tensor GradW(Tensor x, Tensor gy, ConvGeometry g)
    {
        int oc = gy.Dim(1);
        var (xc, gyc) = (x.Contiguous(), gy.Contiguous());
        var gw = Uninitialized.Tensor(xc.DType, [oc, g.C, g.KH, g.KW], "Conv2DGradW");
        if (xc.DType == DType.Float32)
            ConvGemm.GradW(xc.Buffer<float>(), xc.Offset, gyc.Buffer<float>(), gyc.Offset, gw.Buffer<float>(), g, oc);
        else
            ConvGemm.GradW(xc.Buffer<double>(), xc.Offset, gyc.Buffer<double>(), gyc.Offset, gw.Buffer<double>(), g, oc);
        ReturnIfCopy(xc, x);
        ReturnIfCopy(gyc, gy);
        return gw;
    }

    private static void ReturnIfCopy(Tensor copy, Tensor source)
    {
        if (!ReferenceEquals(copy.Storage, source.Storage)) StoragePool.Return(copy);
    }
}
