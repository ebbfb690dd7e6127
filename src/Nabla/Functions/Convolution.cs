using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Functions;

/// <summary>
/// The three tensor products behind <see cref="Conv2d"/>, <see cref="Deconv2d"/> and <see cref="Conv2DGradW"/>,
/// each im2col (or col2im) plus a single GEMM over the whole batch. The columns are laid out
/// (C·KH·KW, N·OH·OW), so the batch is one matrix and the results only need their first two axes swapped.
/// </summary>
internal static class Convolution
{
    /// <summary>x (N, C, H, W) convolved with w (OC, C, KH, KW), plus b (OC) when given: (N, OC, OH, OW).</summary>
    public static Tensor Forward(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        int oc = w.Dim(0);
        var col = Im2Col.Unfold(x, g, batchMajor: false);
        var product = Tensor.MatMul(w.Reshape(oc, g.Patch), col);
        StoragePool.Return(col);
        var y = product.Reshape(oc, g.N, g.OH, g.OW).Transpose(1, 0, 2, 3);
        var result = b is null ? y.Copy() : y + b.Reshape(1, oc, 1, 1);
        StoragePool.Return(product);
        return result;
    }

    /// <summary>
    /// The transposed convolution: x (N, C, OH, OW) with w (C, OC, KH, KW) spread back onto (N, OC, H, W), the image
    /// side of <paramref name="g"/>; plus b (OC) when given. The adjoint of <see cref="Forward"/> in its image argument.
    /// </summary>
    public static Tensor Transposed(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        int c = w.Dim(0);
        var xm = x.Transpose(1, 0, 2, 3).Reshape(c, g.N * g.Positions);
        var col = Tensor.MatMul(w.Reshape(c, g.Patch).T, xm);
        ReturnIfCopy(xm, x);
        var y = Im2Col.Fold(col, g, batchMajor: false);
        StoragePool.Return(col);
        if (b is null) return y;
        var result = y + b.Reshape(1, g.C, 1, 1);
        StoragePool.Return(y);
        return result;
    }

    /// <summary>The gradient of a convolution's weight: x (N, C, H, W) and gy (N, OC, OH, OW) give (OC, C, KH, KW).</summary>
    public static Tensor GradW(Tensor x, Tensor gy, ConvGeometry g)
    {
        int oc = gy.Dim(1);
        var col = Im2Col.Unfold(x, g, batchMajor: false);
        var gym = gy.Transpose(1, 0, 2, 3).Reshape(oc, g.N * g.Positions);
        // col · gyᵀ, transposed afterwards: with the long side (C·KH·KW) as rows the GEMM runs about twice as fast
        // as gy · colᵀ when OC is small.
        var product = Tensor.MatMul(col, gym.T);
        StoragePool.Return(col);
        ReturnIfCopy(gym, gy);
        var result = product.T.Reshape(oc, g.C, g.KH, g.KW);
        if (!ReferenceEquals(result.Storage, product.Storage)) StoragePool.Return(product);
        return result;
    }

    /// <summary>
    /// Recycles <paramref name="reshaped"/>, a reshape of <paramref name="source"/>, when the reshape had to copy: the
    /// copy is then a temporary of this class. A view shares the caller's storage and is left alone.
    /// </summary>
    private static void ReturnIfCopy(Tensor reshaped, Tensor source)
    {
        if (!ReferenceEquals(reshaped.Storage, source.Storage)) StoragePool.Return(reshaped);
    }
}
