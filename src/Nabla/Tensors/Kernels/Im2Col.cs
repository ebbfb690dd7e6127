using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// im2col and its adjoint col2im for float and double NCHW images: every KH×KW window of the padded image
/// copied out as a column, so that a convolution becomes one matrix product.
/// </summary>
/// <remarks>
/// The column of window position (oh, ow) and patch row r = (c·KH + kh)·KW + kw of image n lives at
/// <c>n·batchStride + r·rowStride + oh·OW + ow</c>. Two layouts are used: DeZero's (N, C, KH, KW, OH, OW)
/// (<c>batchMajor</c>), and (C·KH·KW, N·OH·OW), which lets a whole batch go through a single GEMM.
/// Each image is handled by one thread, so col2im's accumulation never races. Every output element is written
/// (padding as zeros, images cleared before accumulating), so outputs are allocated without zeroing.
/// </remarks>
internal static unsafe class Im2Col
{
    /// <summary>The columns of <paramref name="image"/> (N, C, H, W): shape (N, C, KH, KW, OH, OW) or (C·KH·KW, N·OH·OW).</summary>
    public static Tensor Unfold(Tensor image, ConvGeometry g, bool batchMajor)
    {
        var x = image.Contiguous();
        var col = Uninitialized.Tensor(x.DType, batchMajor ? g.ColShape : [g.Patch, g.N * g.Positions], "im2col");
        var (rowStride, batchStride) = Strides(g, batchMajor);
        if (x.DType == DType.Float32) Unfold(x.Buffer<float>(), x.Offset, col.Buffer<float>(), g, rowStride, batchStride);
        else Unfold(x.Buffer<double>(), x.Offset, col.Buffer<double>(), g, rowStride, batchStride);
        if (!ReferenceEquals(x, image)) StoragePool.Return(x);
        return col;
    }

    /// <summary>The adjoint of <see cref="Unfold"/>: each column added back at its window, giving (N, C, H, W).</summary>
    public static Tensor Fold(Tensor columns, ConvGeometry g, bool batchMajor)
    {
        var col = columns.Contiguous();
        var x = Uninitialized.Tensor(col.DType, g.ImageShape, "col2im");
        var (rowStride, batchStride) = Strides(g, batchMajor);
        if (col.DType == DType.Float32) Fold(col.Buffer<float>(), col.Offset, x.Buffer<float>(), g, rowStride, batchStride);
        else Fold(col.Buffer<double>(), col.Offset, x.Buffer<double>(), g, rowStride, batchStride);
        if (!ReferenceEquals(col, columns)) StoragePool.Return(col);
        return x;
    }

    private static (int Row, int Batch) Strides(ConvGeometry g, bool batchMajor) =>
        batchMajor ? (g.Positions, g.Patch * g.Positions) : (g.N * g.Positions, g.Positions);

    private static void Unfold<T>(T[] x, int xOffset, T[] col, ConvGeometry g, int rowStride, int batchStride)
        where T : unmanaged, INumber<T>
    {
        int image = g.C * g.H * g.W;
        ParallelLoop.For(g.N, (long)g.N * g.Patch * g.Positions, n =>
        {
            fixed (T* px = x)
            fixed (T* pc = col)
                UnfoldImage(px + xOffset + (long)n * image, pc + (long)n * batchStride, rowStride, g);
        });
    }

    // Windows are short (often 14 or 28 columns), so the per-row work is plain pointer loops rather than span slicing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void UnfoldImage<T>(T* x, T* col, int rowStride, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int oh = g.OH, ow = g.OW, h = g.H, w = g.W, sh = g.SH, sw = g.SW;
        if (sh == 1 && sw == 1 && ow == w)
        {
            UnfoldSameWidth(x, col, rowStride, g);
            return;
        }
        for (int c = 0; c < g.C; c++)
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            var (lo, hi) = ValidColumns(kw, g);
            T* dst = col + (long)((c * g.KH + kh) * g.KW + kw) * rowStride;
            for (int i = 0; i < oh; i++, dst += ow)
            {
                int ih = i * sh - g.PH + kh;
                if ((uint)ih >= (uint)h)
                {
                    for (int j = 0; j < ow; j++) dst[j] = T.Zero;
                    continue;
                }
                for (int j = 0; j < lo; j++) dst[j] = T.Zero;
                T* src = x + (c * h + ih) * w - g.PW + kw;   // src[j·sw] is under window position j
                if (sw == 1) for (int j = lo; j < hi; j++) dst[j] = src[j];
                else for (int j = lo; j < hi; j++) dst[j] = src[j * sw];
                for (int j = hi; j < ow; j++) dst[j] = T.Zero;
            }
        }
    }

    /// <summary>
    /// Stride 1 with output rows as wide as input rows (the usual "same" padding): the valid rows of one kernel
    /// offset are a single shifted run of the image plane, so each patch row is one block copy (short rows copied
    /// element by element cost about as much as the GEMM), after which the few elements that wrapped around from
    /// a neighbouring image row are set back to the padding's zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnfoldSameWidth<T>(T* x, T* col, int rowStride, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int oh = g.OH, ow = g.OW, h = g.H, w = g.W;
        for (int c = 0; c < g.C; c++)
        for (int kh = 0; kh < g.KH; kh++)
        {
            // Output rows [i0, i1) read image rows i − PH + kh inside [0, h).
            int i0 = Math.Clamp(g.PH - kh, 0, oh), i1 = Math.Clamp(h + g.PH - kh, i0, oh);
            for (int kw = 0; kw < g.KW; kw++)
            {
                var (lo, hi) = ValidColumns(kw, g);
                T* dst = col + (long)((c * g.KH + kh) * g.KW + kw) * rowStride;
                new Span<T>(dst, i0 * ow).Clear();
                new Span<T>(dst + i1 * ow, (oh - i1) * ow).Clear();
                if (i1 > i0 && hi > lo)
                {
                    // dst[i·ow + j] = x[c, i − PH + kh, j − PW + kw]: one run from the first valid element to the last.
                    int first = i0 * ow + lo, count = (i1 - 1) * ow + hi - first;
                    T* src = x + (long)(c * h + i0 - g.PH + kh) * w + lo - g.PW + kw;
                    new ReadOnlySpan<T>(src, count).CopyTo(new Span<T>(dst + first, count));
                }
                for (int i = i0; i < i1; i++)
                {
                    T* row = dst + i * ow;
                    for (int j = 0; j < lo; j++) row[j] = T.Zero;
                    for (int j = hi; j < ow; j++) row[j] = T.Zero;
                }
            }
        }
    }

    private static void Fold<T>(T[] col, int colOffset, T[] x, ConvGeometry g, int rowStride, int batchStride)
        where T : unmanaged, INumber<T>
    {
        int image = g.C * g.H * g.W;
        ParallelLoop.For(g.N, (long)g.N * g.Patch * g.Positions, n =>
        {
            fixed (T* pc = col)
            fixed (T* px = x)
                FoldImage(pc + colOffset + (long)n * batchStride, rowStride, px + (long)n * image, g);
        });
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FoldImage<T>(T* col, int rowStride, T* x, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int oh = g.OH, ow = g.OW, h = g.H, w = g.W, sh = g.SH, sw = g.SW;
        new Span<T>(x, g.C * h * w).Clear();
        if (sh == 1 && sw == 1 && ow == w)
        {
            FoldSameWidth(col, rowStride, x, g);
            return;
        }
        for (int c = 0; c < g.C; c++)
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            var (lo, hi) = ValidColumns(kw, g);
            T* src = col + (long)((c * g.KH + kh) * g.KW + kw) * rowStride;
            for (int i = 0; i < oh; i++, src += ow)
            {
                int ih = i * sh - g.PH + kh;
                if ((uint)ih >= (uint)h) continue;
                T* dst = x + (c * h + ih) * w - g.PW + kw;   // dst[j·sw] is under window position j
                if (sw == 1) for (int j = lo; j < hi; j++) dst[j] += src[j];
                else for (int j = lo; j < hi; j++) dst[j * sw] += src[j];
            }
        }
    }

    /// <summary>
    /// The adjoint of <see cref="UnfoldSameWidth{T}"/>: each patch row is added to the image plane as one shifted
    /// vector run. The run also covers the image elements that the wrapped padding columns land on; those receive
    /// nothing from this kernel offset, so they are saved before the run and put back after it. Every element gets
    /// the same additions in the same order as in the row-by-row loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization), SkipLocalsInit]
    private static void FoldSameWidth<T>(T* col, int rowStride, T* x, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int oh = g.OH, ow = g.OW, h = g.H, w = g.W;
        int wrapped = oh * ow;
        T[]? rented = wrapped > 1024 ? ArrayPool<T>.Shared.Rent(wrapped) : null;
        Span<T> saved = rented is not null ? rented : stackalloc T[wrapped];
        try
        {
            for (int c = 0; c < g.C; c++)
            for (int kh = 0; kh < g.KH; kh++)
            {
                int i0 = Math.Clamp(g.PH - kh, 0, oh), i1 = Math.Clamp(h + g.PH - kh, i0, oh);
                for (int kw = 0; kw < g.KW; kw++)
                {
                    var (lo, hi) = ValidColumns(kw, g);
                    if (i1 <= i0 || hi <= lo) continue;
                    T* src = col + (long)((c * g.KH + kh) * g.KW + kw) * rowStride;
                    int first = i0 * ow + lo, count = (i1 - 1) * ow + hi - first;
                    // base[i·ow + j] is image element (c, i − PH + kh, j − PW + kw) for j in [lo, hi).
                    T* baseX = x + (long)(c * h - g.PH + kh) * w - g.PW + kw;
                    int s = 0;
                    for (int i = i0; i < i1; i++)
                    {
                        for (int j = i == i0 ? lo : 0; j < lo; j++) saved[s++] = baseX[i * ow + j];
                        for (int j = hi; j < (i == i1 - 1 ? hi : ow); j++) saved[s++] = baseX[i * ow + j];
                    }
                    var run = new Span<T>(baseX + first, count);
                    TensorPrimitives.Add<T>(run, new ReadOnlySpan<T>(src + first, count), run);
                    s = 0;
                    for (int i = i0; i < i1; i++)
                    {
                        for (int j = i == i0 ? lo : 0; j < lo; j++) baseX[i * ow + j] = saved[s++];
                        for (int j = hi; j < (i == i1 - 1 ? hi : ow); j++) baseX[i * ow + j] = saved[s++];
                    }
                }
            }
        }
        finally
        {
            if (rented is not null) ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>The output columns [lo, hi) whose window column kw falls inside the image rather than the padding.</summary>
    private static (int Lo, int Hi) ValidColumns(int kw, ConvGeometry g)
    {
        int first = g.PW - kw;                  // smallest ow·SW that lands on image column 0
        int last = g.W - 1 + g.PW - kw;         // largest ow·SW that lands on image column W-1
        int lo = first <= 0 ? 0 : (first + g.SW - 1) / g.SW;
        int hi = last < 0 ? 0 : Math.Min(g.OW, last / g.SW + 1);
        lo = Math.Min(lo, g.OW);
        return (lo, Math.Max(lo, hi));
    }
}
