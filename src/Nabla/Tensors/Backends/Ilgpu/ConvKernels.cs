using ILGPU;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// im2col, col2im and the pooling kernels over contiguous NCHW images. Every adjoint (col2im, max-pool scatter,
/// average-pool adjoint) is a gather: one thread per image element sums the windows that cover it, in increasing
/// window order as the CPU's scatter adds them, so no atomics are needed and results do not depend on scheduling.
/// </summary>
internal static class ConvKernels
{
    /// <summary>One thread per column element (n, c, kh, kw, oh, ow); padding reads as zero.</summary>
    public static void Im2Col<T>(Index1D i, ArrayView<T> col, ArrayView<T> x, ConvParams p) where T : unmanaged
    {
        int ow = i % p.OW, t = i / p.OW;
        int oh = t % p.OH; t /= p.OH;
        int kw = t % p.KW; t /= p.KW;
        int kh = t % p.KH; t /= p.KH;
        int c = t % p.C, n = t / p.C;
        int ih = oh * p.SH - p.PH + kh, iw = ow * p.SW - p.PW + kw;
        int r = (c * p.KH + kh) * p.KW + kw;
        col[n * p.BatchStride + r * p.RowStride + oh * p.OW + ow] =
            ih >= 0 && ih < p.H && iw >= 0 && iw < p.W ? x[((n * p.C + c) * p.H + ih) * p.W + iw] : default;
    }

    /// <summary>One thread per image element: the sum over the (kh, kw) whose window position lands on the grid.</summary>
    public static void Col2Im<T, TA>(Index1D i, ArrayView<T> x, ArrayView<T> col, ConvParams p) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        int w = i % p.W, t = i / p.W;
        int h = t % p.H; t /= p.H;
        int c = t % p.C, n = t / p.C;
        T sum = m.FromLong(0);
        for (int kh = 0; kh < p.KH; kh++)
        {
            int sh = h + p.PH - kh;
            if (sh < 0 || sh % p.SH != 0 || sh / p.SH >= p.OH) continue;
            int oh = sh / p.SH;
            for (int kw = 0; kw < p.KW; kw++)
            {
                int sw = w + p.PW - kw;
                if (sw < 0 || sw % p.SW != 0 || sw / p.SW >= p.OW) continue;
                int r = (c * p.KH + kh) * p.KW + kw;
                sum = m.Add(sum, col[n * p.BatchStride + r * p.RowStride + oh * p.OW + sw / p.SW]);
            }
        }
        x[i] = sum;
    }

    /// <summary>One thread per output: the window's max (first on ties, the first NaN wins) and its flat input index; padding ignored.</summary>
    public static void MaxPool<T, TA>(Index1D o, ArrayView<T> y, ArrayView<int> idx, ArrayView<T> x, ConvParams p) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        Window(o, p, out int start, out int h0, out int h1, out int w0, out int w1);
        int best = h0 * p.W + w0;
        T max = x[start + best];
        for (int h = h0; h < h1; h++)
            for (int w = w0; w < w1; w++)
            {
                T v = x[start + h * p.W + w];
                if (m.Greater(v, max) || (m.IsNaN(v) && !m.IsNaN(max)))
                {
                    max = v;
                    best = h * p.W + w;
                }
            }
        y[o] = max;
        idx[o] = start + best;
    }

    /// <summary>
    /// Output <paramref name="o"/>'s window clipped to the image: its plane's first element and the rows [h0, h1) and
    /// columns [w0, w1) it reads (the padding is outside them). Max and average pooling walk it.
    /// </summary>
    private static void Window(int o, ConvParams p, out int start, out int h0, out int h1, out int w0, out int w1)
    {
        int j = o % p.OW, t = o / p.OW;
        int i = t % p.OH, plane = t / p.OH;
        h0 = i * p.SH - p.PH;
        h1 = IntrinsicMath.Min(h0 + p.KH, p.H);
        w0 = j * p.SW - p.PW;
        w1 = IntrinsicMath.Min(w0 + p.KW, p.W);
        h0 = IntrinsicMath.Max(h0, 0);
        w0 = IntrinsicMath.Max(w0, 0);
        start = plane * p.H * p.W;
    }

    /// <summary>
    /// The pooled outputs whose windows cover image element <paramref name="e"/>: their plane's first output and the
    /// grid rows [i0, i1) and columns [j0, j1). The adjoints gather over them.
    /// </summary>
    private static void Covering(int e, ConvParams p, out int outStart, out int i0, out int i1, out int j0, out int j1)
    {
        int w = e % p.W, t = e / p.W;
        int h = t % p.H, plane = t / p.H;
        Covering(h, p.PH, p.KH, p.SH, p.OH, out i0, out i1);
        Covering(w, p.PW, p.KW, p.SW, p.OW, out j0, out j1);
        outStart = plane * p.OH * p.OW;
    }

    /// <summary>The output windows (oh range, ow range) covering image row h / column w: [lo, hi) on the grid.</summary>
    private static void Covering(int h, int pad, int k, int s, int outLength, out int lo, out int hi)
    {
        // Window o covers [o·s − pad, o·s − pad + k): o ≥ (h + pad − k + 1)/s rounded up, o ≤ (h + pad)/s rounded down.
        int a = h + pad - k + 1;
        lo = a <= 0 ? 0 : (a + s - 1) / s;
        hi = IntrinsicMath.Min((h + pad) / s + 1, outLength);
    }

    /// <summary>Max pooling's backward as a gather: gx[e] = Σ gy[o] over the windows o covering e whose index is e.</summary>
    public static void PoolScatter<T, TA>(Index1D e, ArrayView<T> gx, ArrayView<T> gy, ArrayView<int> idx, ConvParams p) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        Covering(e, p, out int outStart, out int i0, out int i1, out int j0, out int j1);
        T sum = m.FromLong(0);
        for (int i = i0; i < i1; i++)
            for (int j = j0; j < j1; j++)
            {
                int o = outStart + i * p.OW + j;
                if (idx[o] == e) sum = m.Add(sum, gy[o]);
            }
        gx[e] = sum;
    }

    /// <summary>y[o] = x[idx[o]].</summary>
    public static void PoolGather<T>(Index1D o, ArrayView<T> y, ArrayView<T> x, ArrayView<int> idx) where T : unmanaged => y[o] = x[idx[o]];

    /// <summary>The window mean with padding counted as zeros: the valid elements summed row by row, divided by KH·KW.</summary>
    public static void AvgPool<T, TA>(Index1D o, ArrayView<T> y, ArrayView<T> x, ConvParams p) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        Window(o, p, out int start, out int h0, out int h1, out int w0, out int w1);
        T sum = m.FromLong(0);
        for (int h = h0; h < h1; h++)
            for (int w = w0; w < w1; w++) sum = m.Add(sum, x[start + h * p.W + w]);
        y[o] = m.Div(sum, m.FromLong(p.KH * p.KW));
    }

    /// <summary>The adjoint of <see cref="AvgPool{T, TA}"/> as a gather: gx[e] = Σ gy[o]/(KH·KW) over the windows covering e.</summary>
    public static void AvgPoolAdjoint<T, TA>(Index1D e, ArrayView<T> gx, ArrayView<T> gy, ConvParams p) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        Covering(e, p, out int outStart, out int i0, out int i1, out int j0, out int j1);
        T sum = m.FromLong(0), area = m.FromLong(p.KH * p.KW);
        for (int i = i0; i < i1; i++)
            for (int j = j0; j < j1; j++) sum = m.Add(sum, m.Div(gy[outStart + i * p.OW + j], area));
        gx[e] = sum;
    }
}
