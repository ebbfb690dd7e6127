using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Max and average pooling over float and double NCHW images by direct loops, one (image, channel) plane per task.
/// Max pooling ignores the padding (as PyTorch) and remembers, for every output, the flat index into the input
/// of the element it took; gathering and scatter-adding at those indexes are its two linear companions.
/// Average pooling counts the padding as zeros (DeZero's and PyTorch's default). Every output element is written
/// (gradient planes are cleared before accumulating), so outputs are allocated without zeroing.
/// </summary>
internal static class Pool
{
    /// <summary>Max over each window; <paramref name="indexes"/> gets the flat input index of each maximum (the first on ties, NaN wins).</summary>
    public static Tensor Max(Tensor x, ConvGeometry g, out int[] indexes)
    {
        x = x.Contiguous();
        var y = Uninitialized.Tensor(x.DType, OutShape(g), "pooling");
        // Every index is written (one per output), so the array need not be zeroed.
        var idx = GC.AllocateUninitializedArray<int>(y.Size);
        if (x.DType == DType.Float32) Max(x.Buffer<float>(), x.Offset, y.Buffer<float>(), idx, g);
        else Max(x.Buffer<double>(), x.Offset, y.Buffer<double>(), idx, g);
        indexes = idx;
        return y;
    }

    /// <summary>Zeros of the input's shape with each value of <paramref name="gy"/> added at its index (max pooling's backward).</summary>
    public static Tensor Scatter(Tensor gy, int[] indexes, ConvGeometry g)
    {
        gy = gy.Contiguous();
        var gx = Uninitialized.Tensor(gy.DType, g.ImageShape, "pooling");
        if (gy.DType == DType.Float32) Scatter(gy.Buffer<float>(), gy.Offset, indexes, gx.Buffer<float>(), g);
        else Scatter(gy.Buffer<double>(), gy.Offset, indexes, gx.Buffer<double>(), g);
        return gx;
    }

    /// <summary>The elements of <paramref name="x"/> at the indexes, in the output's shape (the adjoint of <see cref="Scatter"/>).</summary>
    public static Tensor Gather(Tensor x, int[] indexes, ConvGeometry g)
    {
        x = x.Contiguous();
        var y = Uninitialized.Tensor(x.DType, OutShape(g), "pooling");
        if (x.DType == DType.Float32) Gather(x.Buffer<float>(), x.Offset, indexes, y.Buffer<float>());
        else Gather(x.Buffer<double>(), x.Offset, indexes, y.Buffer<double>());
        return y;
    }

    /// <summary>The mean of each window, padding counted as zeros.</summary>
    public static Tensor Average(Tensor x, ConvGeometry g)
    {
        x = x.Contiguous();
        var y = Uninitialized.Tensor(x.DType, OutShape(g), "pooling");
        if (x.DType == DType.Float32) Average(x.Buffer<float>(), x.Offset, y.Buffer<float>(), g);
        else Average(x.Buffer<double>(), x.Offset, y.Buffer<double>(), g);
        return y;
    }

    /// <summary>The adjoint of <see cref="Average"/>: each value divided by the window size and added over its window.</summary>
    public static Tensor AverageAdjoint(Tensor gy, ConvGeometry g)
    {
        gy = gy.Contiguous();
        var gx = Uninitialized.Tensor(gy.DType, g.ImageShape, "pooling");
        if (gy.DType == DType.Float32) AverageAdjoint(gy.Buffer<float>(), gy.Offset, gx.Buffer<float>(), g);
        else AverageAdjoint(gy.Buffer<double>(), gy.Offset, gx.Buffer<double>(), g);
        return gx;
    }

    private static int[] OutShape(ConvGeometry g) => [g.N, g.C, g.OH, g.OW];

    private static long Work(ConvGeometry g) => (long)g.N * g.C * g.Positions * g.KH * g.KW;

    // Each plane's loops live in their own method taking the geometry by value, so that its fields are locals
    // there rather than fields of a lambda closure that the JIT must reload after every store.

    private static void Max<T>(T[] x, int xOffset, T[] y, int[] idx, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int plane = g.H * g.W, outPlane = g.Positions;
        // Read once, so that a concurrent change of the level cannot mix paths within one call.
        bool vectors = Simd.Level >= SimdLevel.Vector256 && Vector256.IsHardwareAccelerated;
        ParallelLoop.For(g.N * g.C, Work(g), p =>
            MaxPlane(x.AsSpan(xOffset + p * plane, plane), p * plane, y.AsSpan(p * outPlane, outPlane), idx.AsSpan(p * outPlane, outPlane), g, vectors));
    }

    private static void MaxPlane<T>(ReadOnlySpan<T> x, int planeStart, Span<T> y, Span<int> idx, ConvGeometry g, bool vectors) where T : unmanaged, INumber<T>
    {
        if (g.KH == 2 && g.KW == 2 && g.SH == 2 && g.SW == 2 && g.PH == 0 && g.PW == 0 && 2 * g.OH <= g.H && 2 * g.OW <= g.W)
        {
            MaxPlane2x2(x, planeStart, y, idx, g.OH, g.OW, g.W, vectors && typeof(T) == typeof(float));
            return;
        }
        Windows(new MaxWindow<T>(x, planeStart, y, idx, g.W), g);
    }

    /// <summary>
    /// The common 2×2 window with stride 2 and no padding, unrolled: the same four comparisons in the same order
    /// (row by row) as the general loop, so the same maximum and index, without the window loops' overhead.
    /// </summary>
    private static void MaxPlane2x2<T>(ReadOnlySpan<T> x, int planeStart, Span<T> y, Span<int> idx, int oh, int ow, int width, bool vectors)
        where T : unmanaged, INumber<T>
    {
        for (int i = 0; i < oh; i++)
        {
            var top = x.Slice(2 * i * width, width);
            var bottom = x.Slice((2 * i + 1) * width, width);
            int rowStart = 2 * i * width, o = i * ow, j = 0;
            if (vectors)
                j = MaxRow2x2(MemoryMarshal.Cast<T, float>(top), MemoryMarshal.Cast<T, float>(bottom), width, planeStart + rowStart,
                    MemoryMarshal.Cast<T, float>(y.Slice(o, ow)), idx.Slice(o, ow));
            for (o += j; j < ow; j++, o++)
            {
                int w = 2 * j;
                T max = top[w];
                int best = rowStart + w;
                if (Takes(top[w + 1], max)) { max = top[w + 1]; best = rowStart + w + 1; }
                if (Takes(bottom[w], max)) { max = bottom[w]; best = rowStart + width + w; }
                if (Takes(bottom[w + 1], max)) { max = bottom[w + 1]; best = rowStart + width + w + 1; }
                y[o] = max;
                idx[o] = planeStart + best;
            }
        }
    }

    /// <summary>
    /// Windows 0, 1, 2, ... of one output row, four at a time in 256-bit vectors, with the scalar scan's comparisons
    /// in the same order (its branches mispredict on real data): in the even lanes of the row pair, the top-left
    /// element is taken first, then the top-right, bottom-left and bottom-right each replace it when larger or the
    /// first NaN. Returns the first window left for the scalar loop.
    /// </summary>
    private static int MaxRow2x2(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, int width, int rowIndex, Span<float> y, Span<int> idx)
    {
        var swap = Vector256.Create(1, 0, 3, 2, 5, 4, 7, 6);
        var evens = Vector256.Create(0, 2, 4, 6, 0, 2, 4, 6);
        var lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
        var (right, below, belowRight) = (Vector256.Create(1), Vector256.Create(width), Vector256.Create(width + 1));
        int j = 0;
        for (; j + 4 <= y.Length; j += 4)
        {
            var up = Vector256.Create(top.Slice(2 * j, 8));
            var down = Vector256.Create(bottom.Slice(2 * j, 8));
            var max = up;
            var code = Vector256<int>.Zero;
            var v = Vector256.Shuffle(up, swap);
            var t = Takes(v, max);
            (max, code) = (Vector256.ConditionalSelect(t, v, max), Vector256.ConditionalSelect(t.AsInt32(), right, code));
            t = Takes(down, max);
            (max, code) = (Vector256.ConditionalSelect(t, down, max), Vector256.ConditionalSelect(t.AsInt32(), below, code));
            v = Vector256.Shuffle(down, swap);
            t = Takes(v, max);
            (max, code) = (Vector256.ConditionalSelect(t, v, max), Vector256.ConditionalSelect(t.AsInt32(), belowRight, code));
            Vector256.Shuffle(max, evens).GetLower().CopyTo(y.Slice(j, 4));
            Vector256.Shuffle(Vector256.Create(rowIndex + 2 * j) + lanes + code, evens).GetLower().CopyTo(idx.Slice(j, 4));
        }
        return j;
    }

    /// <summary>The vector form of <see cref="Takes{T}"/>: all ones where v is larger than max, or v is NaN and max is not.</summary>
    private static Vector256<float> Takes(Vector256<float> v, Vector256<float> max) =>
        Vector256.GreaterThan(v, max) | (~Vector256.Equals(v, v) & Vector256.Equals(max, max));

    /// <summary>Whether <paramref name="v"/> replaces the running maximum: larger, or the first NaN.</summary>
    private static bool Takes<T>(T v, T max) where T : INumber<T> => v > max || (T.IsNaN(v) && !T.IsNaN(max));

    private static void Scatter<T>(T[] gy, int gyOffset, int[] idx, T[] gx, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int plane = g.H * g.W, outPlane = g.Positions;
        // Every index of plane p lies in plane p of the input, so planes can be filled in parallel.
        ParallelLoop.For(g.N * g.C, (long)g.N * g.C * (plane + outPlane), p =>
            ScatterPlane(gy.AsSpan(gyOffset + p * outPlane, outPlane), idx.AsSpan(p * outPlane, outPlane), gx, p * plane, plane));
    }

    private static void ScatterPlane<T>(ReadOnlySpan<T> gy, ReadOnlySpan<int> idx, T[] gx, int start, int plane) where T : unmanaged, INumber<T>
    {
        gx.AsSpan(start, plane).Clear();
        for (int o = 0; o < gy.Length; o++) gx[idx[o]] += gy[o];
    }

    private static void Gather<T>(T[] x, int xOffset, int[] idx, T[] y) where T : unmanaged
    {
        var src = x.AsSpan(xOffset);
        for (int o = 0; o < y.Length; o++) y[o] = src[idx[o]];
    }

    private static void Average<T>(T[] x, int xOffset, T[] y, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int plane = g.H * g.W, outPlane = g.Positions;
        ParallelLoop.For(g.N * g.C, Work(g), p =>
            AveragePlane(x.AsSpan(xOffset + p * plane, plane), y.AsSpan(p * outPlane, outPlane), g));
    }

    private static void AveragePlane<T>(ReadOnlySpan<T> x, Span<T> y, ConvGeometry g) where T : unmanaged, INumber<T> =>
        Windows(new AverageWindow<T>(x, y, T.CreateTruncating(g.KH * g.KW), g.W), g);

    private static void AverageAdjoint<T>(T[] gy, int gyOffset, T[] gx, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        int plane = g.H * g.W, outPlane = g.Positions;
        ParallelLoop.For(g.N * g.C, Work(g), p =>
            AverageAdjointPlane(gy.AsSpan(gyOffset + p * outPlane, outPlane), gx.AsSpan(p * plane, plane), g));
    }

    private static void AverageAdjointPlane<T>(ReadOnlySpan<T> gy, Span<T> gx, ConvGeometry g) where T : unmanaged, INumber<T>
    {
        gx.Clear();
        Windows(new AverageAdjointWindow<T>(gy, gx, T.CreateTruncating(g.KH * g.KW), g.W), g);
    }

    /// <summary>
    /// Every window of one plane, output by output: rows h0..h1−1 and columns w0..w1−1 of the input, clipped to the
    /// image (so padding is never read), for output <c>o</c>. The one walk that max, average and the average's adjoint share.
    /// </summary>
    private static void Windows<TWindow>(TWindow window, ConvGeometry g) where TWindow : IWindow, allows ref struct
    {
        int oh = g.OH, ow = g.OW, o = 0;
        for (int i = 0; i < oh; i++)
        {
            int h0 = i * g.SH - g.PH, h1 = Math.Min(h0 + g.KH, g.H);
            h0 = Math.Max(h0, 0);
            for (int j = 0; j < ow; j++, o++)
            {
                int w0 = j * g.SW - g.PW, w1 = Math.Min(w0 + g.KW, g.W);
                window.Visit(o, h0, h1, Math.Max(w0, 0), w1);
            }
        }
    }

    /// <summary>What one pooling does with a window, given its clipped rows [h0, h1) and columns [w0, w1).</summary>
    private interface IWindow
    {
        void Visit(int o, int h0, int h1, int w0, int w1);
    }

    /// <summary>The maximum and its flat index (the first on ties, NaN wins), scanning row by row.</summary>
    private readonly ref struct MaxWindow<T>(ReadOnlySpan<T> x, int planeStart, Span<T> y, Span<int> idx, int width) : IWindow
        where T : unmanaged, INumber<T>
    {
        private readonly ReadOnlySpan<T> x = x;
        private readonly Span<T> y = y;
        private readonly Span<int> idx = idx;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(int o, int h0, int h1, int w0, int w1)
        {
            int best = h0 * width + w0;
            T max = x[best];
            for (int h = h0; h < h1; h++)
            {
                var row = x.Slice(h * width, width);
                for (int w = w0; w < w1; w++)
                {
                    if (Takes(row[w], max))
                    {
                        max = row[w];
                        best = h * width + w;
                    }
                }
            }
            y[o] = max;
            idx[o] = planeStart + best;
        }
    }

    /// <summary>The window's sum over the full window size (padding counts as zeros).</summary>
    private readonly ref struct AverageWindow<T>(ReadOnlySpan<T> x, Span<T> y, T area, int width) : IWindow where T : unmanaged, INumber<T>
    {
        private readonly ReadOnlySpan<T> x = x;
        private readonly Span<T> y = y;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(int o, int h0, int h1, int w0, int w1)
        {
            T sum = T.Zero;
            for (int h = h0; h < h1; h++)
            {
                var row = x.Slice(h * width, width);
                for (int w = w0; w < w1; w++) sum += row[w];
            }
            y[o] = sum / area;
        }
    }

    /// <summary>gy[o] over the window size, added to every element of the window.</summary>
    private readonly ref struct AverageAdjointWindow<T>(ReadOnlySpan<T> gy, Span<T> gx, T area, int width) : IWindow where T : unmanaged, INumber<T>
    {
        private readonly ReadOnlySpan<T> gy = gy;
        private readonly Span<T> gx = gx;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Visit(int o, int h0, int h1, int w0, int w1)
        {
            T v = gy[o] / area;
            for (int h = h0; h < h1; h++)
            {
                var row = gx.Slice(h * width, width);
                for (int w = w0; w < w1; w++) row[w] += v;
            }
        }
    }
}
