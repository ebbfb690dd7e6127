using ILGPU;
using ILGPU.Runtime;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors.Backends.Ilgpu;

internal sealed partial class IlgpuBackend
{
    /// <summary>
    /// One product for the whole batch, y as (OC, N·OH·OW) = W (OC × Patch) · col (Patch × N·OH·OW), then one copy
    /// into NCHW order: on a GPU one large GEMM beats N small ones.
    /// </summary>
    public Tensor Conv2d(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        using var scope = gate.EnterScope();
        int oc = w.Dim(0), pos = g.Positions, k = g.N * pos;
        var (xc, wc) = (x.Contiguous(), w.Contiguous());
        var col = Columns(xc, g, batchMajor: false);
        var product = NewTensor(xc.DType, [oc, g.N, pos]);
        var p = new MatMulParams { M = oc, N = k, K = g.Patch, ARow = g.Patch, ACol = 1, BRow = k, BCol = 1 };
        Gemm(xc.DType, wc.Storage, col.Storage, product.Storage, p, Batch(1), new View8 { Offset = wc.Offset }, default, 1);
        col.Release();
        var y = NewTensor(xc.DType, [g.N, oc, g.OH, g.OW]);
        Copy(new Tensor(product.Storage, [g.N, oc, pos], [pos, k, 1], 0), new Tensor(y.Storage, [g.N, oc, pos]));
        product.Release();
        if (b is not null)
        {
            var bias = new Tensor(b.Storage, [1, oc, 1, 1], [0, b.StrideSpan[0], 0, 0], b.Offset);
            Binary(BinaryOp.Add, y, bias, y);
        }
        Tensor.ReleaseIfCopy(xc, x);
        Tensor.ReleaseIfCopy(wc, w);
        return y;
    }

    /// <summary>col (Patch × N·OH·OW) = Wᵀ (Patch × IC) · x as (IC, N·OH·OW), one product for the batch, then col2im.</summary>
    public Tensor ConvTranspose2d(Tensor x, Tensor w, ConvGeometry g)
    {
        using var scope = gate.EnterScope();
        int ic = w.Dim(0), pos = g.Positions, k = g.N * pos;
        var (xc, wc) = (x.Contiguous(), w.Contiguous());
        var xt = NewTensor(xc.DType, [ic, g.N, pos]);
        Copy(new Tensor(xc.Storage, [ic, g.N, pos], [pos, ic * pos, 1], xc.Offset), xt);
        var col = NewTensor(xc.DType, [g.Patch, k]);
        // Wᵀ is W read with swapped strides.
        var p = new MatMulParams { M = g.Patch, N = k, K = ic, ARow = 1, ACol = g.Patch, BRow = k, BCol = 1 };
        Gemm(xc.DType, wc.Storage, xt.Storage, col.Storage, p, Batch(1), new View8 { Offset = wc.Offset }, default, 1);
        xt.Release();
        var y = Fold(col, g, batchMajor: false);
        col.Release();
        Tensor.ReleaseIfCopy(xc, x);
        Tensor.ReleaseIfCopy(wc, w);
        return y;
    }

    public Tensor Conv2dGradW(Tensor x, Tensor gy, ConvGeometry g)
    {
        using var scope = gate.EnterScope();
        int oc = gy.Dim(1), pos = g.Positions;
        var (xc, gyc) = (x.Contiguous(), gy.Contiguous());
        // One product over the whole batch, K = N·OH·OW: gy as (OC, N·OH·OW) and the columns as (Patch, N·OH·OW).
        var gyT = NewTensor(gy.DType, [oc, g.N, pos]);
        Copy(new Tensor(gyc.Storage, [oc, g.N, pos], [pos, oc * pos, 1], gyc.Offset), gyT);
        Tensor.ReleaseIfCopy(gyc, gy);
        var col = Columns(xc, g, batchMajor: false);
        var gw = NewTensor(xc.DType, [oc, g.C, g.KH, g.KW]);
        int k = g.N * pos;
        var p = new MatMulParams { M = oc, N = g.Patch, K = k, ARow = k, ACol = 1, BRow = 1, BCol = k };
        Gemm(xc.DType, gyT.Storage, col.Storage, gw.Storage, p, Batch(1), default, default, 1);
        col.Release();
        gyT.Release();
        Tensor.ReleaseIfCopy(xc, x);
        return gw;
    }

    public Tensor Im2Col(Tensor image, ConvGeometry g) => OnContiguous(image, x => Columns(x, g, batchMajor: true));

    public Tensor Col2Im(Tensor columns, ConvGeometry g) => OnContiguous(columns, col => Fold(col, g, batchMajor: true));

    /// <summary>
    /// <paramref name="compute"/> of a contiguous copy of <paramref name="input"/> under the backend's lock; the copy,
    /// if one was made, is released after.
    /// </summary>
    private Tensor OnContiguous(Tensor input, Func<Tensor, Tensor> compute)
    {
        using var scope = gate.EnterScope();
        var contiguous = input.Contiguous();
        var result = compute(contiguous);
        Tensor.ReleaseIfCopy(contiguous, input);
        return result;
    }

    private static Layout8 Batch(int n) => new() { Rank = 1, D0 = n };

    /// <summary>The columns of contiguous x: (N, C, KH, KW, OH, OW) batch-major, or (C·KH·KW, N·OH·OW).</summary>
    private Tensor Columns(Tensor x, ConvGeometry g, bool batchMajor)
    {
        var col = NewTensor(x.DType, batchMajor ? g.ColShape : [g.Patch, g.N * g.Positions]);
        if (col.Size == 0) return col;
        var p = ConvParams.Of(g, batchMajor);
        if (x.DType == DType.Float32) Im2Col<float>(x, col, p);
        else Im2Col<double>(x, col, p);
        return col;
    }

    private void Im2Col<T>(Tensor x, Tensor col, ConvParams p) where T : unmanaged
    {
        var k = Kernel("im2col", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ConvParams>(ConvKernels.Im2Col));
        k(col.Size, Span<T>(col), Span<T>(x), p);
    }

    private Tensor Fold(Tensor col, ConvGeometry g, bool batchMajor)
    {
        var x = NewTensor(col.DType, g.ImageShape);
        if (x.Size == 0) return x;
        var p = ConvParams.Of(g, batchMajor);
        if (col.DType == DType.Float32) Col2Im<float, Float32Arith>(col, x, p);
        else Col2Im<double, Float64Arith>(col, x, p);
        return x;
    }

    private void Col2Im<T, TA>(Tensor col, Tensor x, ConvParams p) where T : unmanaged where TA : struct, IArith<T>
    {
        var k = Kernel("col2im", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ConvParams>(ConvKernels.Col2Im<T, TA>));
        k(x.Size, Span<T>(x), Span<T>(col), p);
    }

    public Tensor MaxPool(Tensor x, ConvGeometry g, out Tensor indexes)
    {
        using var scope = gate.EnterScope();
        var xc = x.Contiguous();
        int[] shape = [g.N, g.C, g.OH, g.OW];
        var y = NewTensor(xc.DType, shape);
        indexes = NewTensor(DType.Int32, shape);
        if (y.Size > 0)
        {
            if (xc.DType == DType.Float32) MaxPool<float, Float32Arith>(xc, y, indexes, g);
            else MaxPool<double, Float64Arith>(xc, y, indexes, g);
        }
        Tensor.ReleaseIfCopy(xc, x);
        return y;
    }

    private void MaxPool<T, TA>(Tensor x, Tensor y, Tensor idx, ConvGeometry g) where T : unmanaged where TA : struct, IArith<T>
    {
        var k = Kernel("maxpool", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<int>, ArrayView<T>, ConvParams>(ConvKernels.MaxPool<T, TA>));
        k(y.Size, Span<T>(y), Span<int>(idx), Span<T>(x), ConvParams.Of(g, true));
    }

    public Tensor PoolScatter(Tensor gy, Tensor indexes, ConvGeometry g)
    {
        using var scope = gate.EnterScope();
        var (gyc, ic) = (gy.Contiguous(), indexes.Contiguous());
        var gx = NewTensor(gyc.DType, g.ImageShape);
        if (gx.Size > 0)
        {
            if (gyc.DType == DType.Float32) PoolScatter<float, Float32Arith>(gyc, ic, gx, g);
            else PoolScatter<double, Float64Arith>(gyc, ic, gx, g);
        }
        Tensor.ReleaseIfCopy(gyc, gy);
        Tensor.ReleaseIfCopy(ic, indexes);
        return gx;
    }

    private void PoolScatter<T, TA>(Tensor gy, Tensor idx, Tensor gx, ConvGeometry g) where T : unmanaged where TA : struct, IArith<T>
    {
        var k = Kernel("poolscatter", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, ConvParams>(ConvKernels.PoolScatter<T, TA>));
        k(gx.Size, Span<T>(gx), View<T>(gy).SubView(gy.Offset, Math.Max(gy.Size, 1)), View<int>(idx).SubView(idx.Offset, Math.Max(idx.Size, 1)), ConvParams.Of(g, true));
    }

    public Tensor PoolGather(Tensor x, Tensor indexes, ConvGeometry g)
    {
        using var scope = gate.EnterScope();
        var (xc, ic) = (x.Contiguous(), indexes.Contiguous());
        var y = NewTensor(xc.DType, [g.N, g.C, g.OH, g.OW]);
        if (y.Size > 0)
        {
            if (xc.DType == DType.Float32) PoolGather<float>(xc, ic, y);
            else PoolGather<double>(xc, ic, y);
        }
        Tensor.ReleaseIfCopy(xc, x);
        Tensor.ReleaseIfCopy(ic, indexes);
        return y;
    }

    private void PoolGather<T>(Tensor x, Tensor idx, Tensor y) where T : unmanaged
    {
        var k = Kernel("poolgather", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>>(ConvKernels.PoolGather));
        k(y.Size, Span<T>(y), View<T>(x).SubView(x.Offset, x.StorageLength - x.Offset), Span<int>(idx));
    }

    public Tensor AvgPool(Tensor x, ConvGeometry g) =>
        OnContiguous(x, [g.N, g.C, g.OH, g.OW], (i, o) => AvgPool<float, Float32Arith>(i, o, g), (i, o) => AvgPool<double, Float64Arith>(i, o, g));

    private void AvgPool<T, TA>(Tensor x, Tensor y, ConvGeometry g) where T : unmanaged where TA : struct, IArith<T>
    {
        var k = Kernel("avgpool", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ConvParams>(ConvKernels.AvgPool<T, TA>));
        k(y.Size, Span<T>(y), Span<T>(x), ConvParams.Of(g, true));
    }

    public Tensor AvgPoolAdjoint(Tensor gy, ConvGeometry g) =>
        OnContiguous(gy, g.ImageShape, (i, o) => AvgPoolAdjoint<float, Float32Arith>(i, o, g), (i, o) => AvgPoolAdjoint<double, Float64Arith>(i, o, g));

    /// <summary>A new result of <paramref name="shape"/> from the contiguous input by the float32 or float64 launcher (not run when empty).</summary>
    private Tensor OnContiguous(Tensor input, int[] shape, Action<Tensor, Tensor> float32, Action<Tensor, Tensor> float64) =>
        OnContiguous(input, contiguous =>
        {
            var result = NewTensor(contiguous.DType, shape);
            if (result.Size > 0) (contiguous.DType == DType.Float32 ? float32 : float64)(contiguous, result);
            return result;
        });

    private void AvgPoolAdjoint<T, TA>(Tensor gy, Tensor gx, ConvGeometry g) where T : unmanaged where TA : struct, IArith<T>
    {
        var k = Kernel("avgpooladj", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ConvParams>(ConvKernels.AvgPoolAdjoint<T, TA>));
        k(gx.Size, Span<T>(gx), View<T>(gy).SubView(gy.Offset, Math.Max(gy.Size, 1)), ConvParams.Of(g, true));
    }
}
