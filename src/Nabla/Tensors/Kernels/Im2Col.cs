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
        if (x.DType == DType.Float32) EachImage(x.Buffer<float>(), x.Offset, col.Buffer<float>(), 0, g, rowStride, batchStride, unfold: true);
        else EachImage(x.Buffer<double>(), x.Offset, col.Buffer<double>(), 0, g, rowStride, batchStride, unfold: true);
        if (!ReferenceEquals(x, image)) StoragePool.Return(x);
        return col;
    }

    /// <summary>The adjoint of <see cref="Unfold"/>: each column added back at its window, giving (N, C, H, W).</summary>
    public static Tensor Fold(Tensor columns, ConvGeometry g, bool batchMajor)
    {
        var col = columns.Contiguous();
        var x = Uninitialized.Tensor(col.DType, g.ImageShape, "col2im");
        var (rowStride, batchStride) = Strides(g, batchMajor);
        if (col.DType == DType.Float32) EachImage(x.Buffer<float>(), 0, col.Buffer<float>(), col.Offset, g, rowStride, batchStride, unfold: false);
        else EachImage(x.Buffer<double>(), 0, col.Buffer<double>(), col.Offset, g, rowStride, batchStride, unfold: false);
        if (!ReferenceEquals(col, columns)) StoragePool.Return(col);
        return x;
    }

    private static (int Row, int Batch) Strides(ConvGeometry g, bool batchMajor) =>
        batchMajor ? (g.Positions, g.Patch * g.Positions) : (g.N * g.Positions, g.Positions);

    /// <summary>Unfolds each image into its columns, or folds them back, one image per task.</summary>
    private static void EachImage<T>(T[] x, int xOffset, T[] col, int colOffset, ConvGeometry g, int rowStride, int batchStride, bool unfold)
        where T : unmanaged, INumber<T>
    {
        int image = g.C * g.H * g.W;
        ParallelLoop.For(g.N, (long)g.N * g.Patch * g.Positions, n =>
        {
            fixed (T* px = x)
            fixed (T* pc = col)
            {
                T* xn = px + xOffset + (long)n * image, cn = pc + colOffset + (long)n * batchStride;
                if (unfold) UnfoldImage(xn, cn, rowStride, g);
                else FoldImage(cn, rowStride, xn, g);
            }
        });
    }

    // Windows are short (often 14 or 28 columns), so the per-row work is plain pointer loops rather than span slicing.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void UnfoldImage<T>(T* x, T* col, int rowStride, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        if (g.SH == 1 && g.SW == 1 && g.OW == g.W)
        {
            UnfoldSameWidth(x, col, rowStride, g);
            return;
        }
        PatchRows(col, x, rowStride, g, new UnfoldRow<T>());
    }

    /// <summary>
    /// Stride 1 with output rows as wide as input rows (the usual "same" padding): the valid rows of one kernel
    /// offset are a single shifted run of the image plane, so each patch row is one block copy (short rows copied
    /// element by element cost about as much as the GEMM), after which the few elements that wrapped around from
    /// a neighbouring image row are set back to the padding's zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void UnfoldSameWidth<T>(T* x, T* col, int rowStride, ConvGeometry g) where T : unmanaged, INumber<T> =>
        SameWidthRuns(col, x, rowStride, g, new UnfoldRun<T>());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void FoldImage<T>(T* col, int rowStride, T* x, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        new Span<T>(x, g.C * g.H * g.W).Clear();
        if (g.SH == 1 && g.SW == 1 && g.OW == g.W)
        {
            FoldSameWidth(col, rowStride, x, g);
            return;
        }
        PatchRows(col, x, rowStride, g, new FoldRow<T>());
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
        int wrapped = g.OH * g.OW;
        T[]? rented = wrapped > 1024 ? ArrayPool<T>.Shared.Rent(wrapped) : null;
        Span<T> saved = rented is not null ? rented : stackalloc T[wrapped];
        try
        {
            SameWidthRuns(col, x, rowStride, g, new FoldRun<T>(saved));
        }
        finally
        {
            if (rented is not null) ArrayPool<T>.Shared.Return(rented);
        }
    }

    // The two walks are compiled apart from their callers (each with its row inlined), so that the general and the
    // same-width loops do not share one method's registers.

    /// <summary>
    /// Every output row of every patch row (c, kh, kw), the one walk im2col and col2im share in the general case:
    /// <paramref name="col"/>'s OW entries for it, and the image element under window position 0 (its window
    /// position j reads element j·SW from there), or null where the row falls in the padding.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void PatchRows<T, TRow>(T* col, T* x, int rowStride, ConvGeometry g, TRow row) where T : unmanaged where TRow : IPatchRow<T>
    {
        int oh = g.OH, ow = g.OW, h = g.H, w = g.W, sh = g.SH, sw = g.SW;
        for (int c = 0; c < g.C; c++)
        for (int kh = 0; kh < g.KH; kh++)
        for (int kw = 0; kw < g.KW; kw++)
        {
            var (lo, hi) = ValidColumns(kw, g);
            T* cols = col + (long)((c * g.KH + kh) * g.KW + kw) * rowStride;
            for (int i = 0; i < oh; i++, cols += ow)
            {
                int ih = i * sh - g.PH + kh;
                row.Visit(cols, (uint)ih >= (uint)h ? null : x + (c * h + ih) * w - g.PW + kw, lo, hi, ow, sw);
            }
        }
    }

    /// <summary>
    /// Every patch row (c, kh, kw) when stride is 1 and OW = W: its column entries, and the image element that entry 0
    /// would read (entry i·OW + j reads element i·W + j from there), with the valid output rows [i0, i1) and columns [lo, hi).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void SameWidthRuns<T, TRun>(T* col, T* x, int rowStride, ConvGeometry g, TRun run)
        where T : unmanaged where TRun : ISameWidthRun<T>, allows ref struct
    {
        int oh = g.OH, h = g.H, w = g.W;
        for (int c = 0; c < g.C; c++)
        for (int kh = 0; kh < g.KH; kh++)
        {
            // Output rows [i0, i1) read image rows i − PH + kh inside [0, h).
            int i0 = Math.Clamp(g.PH - kh, 0, oh), i1 = Math.Clamp(h + g.PH - kh, i0, oh);
            for (int kw = 0; kw < g.KW; kw++)
            {
                var (lo, hi) = ValidColumns(kw, g);
                run.Visit(col + (long)((c * g.KH + kh) * g.KW + kw) * rowStride, x + (long)(c * h - g.PH + kh) * w - g.PW + kw, i0, i1, lo, hi, g);
            }
        }
    }

    /// <summary>What im2col or col2im does with one output row of one patch row (see <see cref="PatchRows{T, TRow}"/>).</summary>
    private interface IPatchRow<T> where T : unmanaged
    {
        void Visit(T* cols, T* image, int lo, int hi, int ow, int sw);
    }

    /// <summary>What im2col or col2im does with one patch row in the same-width case (see <see cref="SameWidthRuns{T, TRun}"/>).</summary>
    private interface ISameWidthRun<T> where T : unmanaged
    {
        void Visit(T* cols, T* image, int i0, int i1, int lo, int hi, ConvGeometry g);
    }

    private readonly struct UnfoldRow<T> : IPatchRow<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(T* dst, T* src, int lo, int hi, int ow, int sw)
        {
            if (src is null)
            {
                for (int j = 0; j < ow; j++) dst[j] = T.Zero;
                return;
            }
            for (int j = 0; j < lo; j++) dst[j] = T.Zero;
            if (sw == 1) for (int j = lo; j < hi; j++) dst[j] = src[j];
            else for (int j = lo; j < hi; j++) dst[j] = src[j * sw];
            for (int j = hi; j < ow; j++) dst[j] = T.Zero;
        }
    }

    private readonly struct FoldRow<T> : IPatchRow<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(T* src, T* dst, int lo, int hi, int ow, int sw)
        {
            if (dst is null) return;
            if (sw == 1) for (int j = lo; j < hi; j++) dst[j] += src[j];
            else for (int j = lo; j < hi; j++) dst[j * sw] += src[j];
        }
    }

    /// <summary>One block copy from the first valid element to the last, then the wrapped-around padding set back to zero.</summary>
    private readonly struct UnfoldRun<T> : ISameWidthRun<T> where T : unmanaged, INumber<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(T* dst, T* src, int i0, int i1, int lo, int hi, ConvGeometry g)
        {
            int oh = g.OH, ow = g.OW;
            new Span<T>(dst, i0 * ow).Clear();
            new Span<T>(dst + i1 * ow, (oh - i1) * ow).Clear();
            if (i1 > i0 && hi > lo)
            {
                int first = i0 * ow + lo, count = (i1 - 1) * ow + hi - first;
                new ReadOnlySpan<T>(src + first, count).CopyTo(new Span<T>(dst + first, count));
            }
            for (int i = i0; i < i1; i++)
            {
                T* row = dst + i * ow;
                for (int j = 0; j < lo; j++) row[j] = T.Zero;
                for (int j = hi; j < ow; j++) row[j] = T.Zero;
            }
        }
    }

    /// <summary>One vector addition over the run, the image elements under the wrapped padding saved before and put back after.</summary>
    private readonly ref struct FoldRun<T>(Span<T> saved) : ISameWidthRun<T> where T : unmanaged, INumber<T>
    {
        private readonly Span<T> saved = saved;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(T* src, T* baseX, int i0, int i1, int lo, int hi, ConvGeometry g)
        {
            if (i1 <= i0 || hi <= lo) return;
            int ow = g.OW, first = i0 * ow + lo, count = (i1 - 1) * ow + hi - first;
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
