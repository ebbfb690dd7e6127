using System.Buffers;
using System.Numerics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Convolution as one small GEMM per image, on contiguous NCHW buffers. Each worker unfolds one image at a time
/// into its own column buffer (C·KH·KW × OH·OW, a few hundred KiB at most for the usual layers, so it stays in
/// cache), and the products read and write the NCHW images in place: no batch-wide column matrix, no transposed
/// copy of the output or of the output gradient. The transposed convolution likewise folds each image's columns
/// while they are in cache (with col2im's block path this beat one batch-wide GEMM over an 11 MB column matrix).
/// </summary>
internal static unsafe class ConvGemm
{
    /// <summary>y (N, OC, OH, OW) = W (OC, Patch) · col(xₙ) per image, plus the bias of each channel.</summary>
    public static void Forward<T>(T[] x, int xo, T[] w, int wo, T[]? b, int bo, T[] y, ConvGeometry g, int oc)
        where T : unmanaged, INumber<T>
    {
        int image = g.C * g.H * g.W, pos = g.Positions, patch = g.Patch, outImage = oc * pos;
        ForImages<T>(g, (long)oc * patch * pos, x, y, (_, n, _, px, pcol, py, parallel) =>
        {
            Im2Col.UnfoldImage(px + xo + (long)n * image, pcol, pos, g);
            T* yn = py + (long)n * outImage;
            // Starting from the bias and accumulating adds it while the rows are in cache.
            if (b is not null)
                for (int o = 0; o < oc; o++) new Span<T>(yn + (long)o * pos, pos).Fill(b[bo + o]);
            Gemm.Multiply<T>(oc, pos, patch, w.AsSpan(wo, oc * patch), patch, false,
                new ReadOnlySpan<T>(pcol, patch * pos), pos, false,
                new Span<T>(yn, outImage), pos, accumulate: b is not null, parallel);
        });
    }

    /// <summary>
    /// gW (OC, Patch) = Σₙ gyₙ · col(xₙ)ᵀ, computed transposed (col · gyᵀ, Patch × OC): with the long side as rows
    /// the micro-kernel's tiles are better filled when OC is small. Each worker sums its images into its own partial;
    /// the partials are added in worker order, so the result does not depend on scheduling.
    /// </summary>
    public static void GradW<T>(T[] x, int xo, T[] gy, int gyo, T[] gw, ConvGeometry g, int oc)
        where T : unmanaged, INumber<T>
    {
        int image = g.C * g.H * g.W, pos = g.Positions, patch = g.Patch, outImage = oc * pos;
        var partials = new T[Workers(g, (long)oc * patch * pos)][];
        ForImages<T>(g, (long)oc * patch * pos, x, gy, (worker, n, first, px, pcol, pgy, parallel) =>
        {
            var part = first ? partials[worker] = new T[patch * oc] : partials[worker];
            Im2Col.UnfoldImage(px + xo + (long)n * image, pcol, pos, g);
            Gemm.Multiply<T>(patch, oc, pos, new ReadOnlySpan<T>(pcol, patch * pos), pos, false,
                new ReadOnlySpan<T>(pgy + gyo + (long)n * outImage, outImage), pos, true,
                part, oc, accumulate: !first, parallel);
        });
        for (int o = 0; o < oc; o++)
        for (int q = 0; q < patch; q++)
        {
            T sum = T.Zero;
            foreach (var part in partials)
                if (part is not null) sum += part[q * oc + o];
            gw[o * patch + q] = sum;
        }
    }

    /// <summary>
    /// The transposed convolution y (N, C, H, W) = col2im(Wᵀ · xₙ) per image, with x (N, IC, OH, OW) and W (IC, Patch):
    /// each image's columns are made and folded while in cache, and x is read in place (no transposed copy).
    /// </summary>
    public static void Transposed<T>(T[] x, int xo, T[] w, int wo, T[] y, ConvGeometry g, int ic)
        where T : unmanaged, INumber<T>
    {
        int image = g.C * g.H * g.W, pos = g.Positions, patch = g.Patch, inImage = ic * pos;
        ForImages<T>(g, (long)ic * patch * pos, x, y, (_, n, _, px, pcol, py, parallel) =>
        {
            Gemm.Multiply<T>(patch, pos, ic, w.AsSpan(wo, ic * patch), patch, true,
                new ReadOnlySpan<T>(px + xo + (long)n * inImage, inImage), pos, false,
                new Span<T>(pcol, patch * pos), pos, accumulate: false, parallel);
            Im2Col.FoldImage(pcol, pos, py + (long)n * image, g);
        });
    }

    /// <summary>
    /// Image <paramref name="n"/> of a worker's range (<paramref name="first"/> for the first of it), with the input and
    /// output arrays and the worker's column buffer pinned.
    /// </summary>
    private delegate void ImageStep<T>(int worker, int n, bool first, T* x, T* col, T* y, bool parallel) where T : unmanaged;

    /// <summary>One worker per thread when the batch is worth splitting, else one worker whose products may split.</summary>
    private static int Workers(ConvGeometry g, long workPerImage)
    {
        int threads = Parallelism.MaxThreads;
        if (threads <= 1 || g.N <= 1 || workPerImage * g.N <= Gemm.ParallelThreshold) return 1;
        return Math.Min(threads, g.N);
    }

    /// <summary>Splits the batch into contiguous ranges, one per worker, each with a rented column buffer, and steps through each range.</summary>
    private static void ForImages<T>(ConvGeometry g, long workPerImage, T[] x, T[] y, ImageStep<T> step) where T : unmanaged
    {
        int workers = Workers(g, workPerImage), length = g.Patch * g.Positions;
        if (workers == 1)
        {
            Run(step, x, y, 0, 0, g.N, length, parallel: true);
            return;
        }
        int chunk = (g.N + workers - 1) / workers;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w =>
        {
            int start = w * chunk, end = Math.Min(g.N, start + chunk);
            if (start < end) Run(step, x, y, w, start, end, length, parallel: false);
        });
    }

    private static void Run<T>(ImageStep<T> step, T[] x, T[] y, int worker, int start, int end, int length, bool parallel) where T : unmanaged
    {
        var col = ArrayPool<T>.Shared.Rent(Math.Max(1, length));
        try
        {
            fixed (T* px = x)
            fixed (T* pcol = col)
            fixed (T* py = y)
                for (int n = start; n < end; n++) step(worker, n, n == start, px, pcol, py, parallel);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(col);
        }
    }
}
