using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>Direct-loop reference versions of convolution and pooling in float64, written for clarity, not speed.</summary>
internal static class ConvReference
{
    /// <summary>y[n,o,i,j] = b[o] + Σ x[n,c,i·sh−ph+kh, j·sw−pw+kw] · w[o,c,kh,kw], outside the image counting as 0.</summary>
    public static Tensor Conv(Tensor x, Tensor w, Tensor? b, (int H, int W) stride, (int H, int W) pad)
    {
        int n = x.Dim(0), c = x.Dim(1), h = x.Dim(2), wd = x.Dim(3), oc = w.Dim(0), kh = w.Dim(2), kw = w.Dim(3);
        int oh = (h + 2 * pad.H - kh) / stride.H + 1, ow = (wd + 2 * pad.W - kw) / stride.W + 1;
        var y = Tensor.Zeros(DType.Float64, n, oc, oh, ow);
        for (int a = 0; a < n; a++)
        for (int o = 0; o < oc; o++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            double s = b is null ? 0 : b.GetDouble(o);
            for (int ch = 0; ch < c; ch++)
            for (int p = 0; p < kh; p++)
            for (int q = 0; q < kw; q++)
            {
                int r = i * stride.H - pad.H + p, col = j * stride.W - pad.W + q;
                if (r >= 0 && r < h && col >= 0 && col < wd) s += x.GetDouble(a, ch, r, col) * w.GetDouble(o, ch, p, q);
            }
            y.SetDouble(s, a, o, i, j);
        }
        return y;
    }

    /// <summary>Transposed convolution by scattering: each x[n,c,i,j]·w[c,o,kh,kw] added at (i·sh−ph+kh, j·sw−pw+kw) of an (oh, ow) image.</summary>
    public static Tensor Deconv(Tensor x, Tensor w, Tensor? b, (int H, int W) stride, (int H, int W) pad, (int H, int W) outSize)
    {
        int n = x.Dim(0), c = x.Dim(1), h = x.Dim(2), wd = x.Dim(3), oc = w.Dim(1), kh = w.Dim(2), kw = w.Dim(3);
        var y = Tensor.Zeros(DType.Float64, n, oc, outSize.H, outSize.W);
        for (int a = 0; a < n; a++)
        for (int ch = 0; ch < c; ch++)
        for (int i = 0; i < h; i++)
        for (int j = 0; j < wd; j++)
        for (int o = 0; o < oc; o++)
        for (int p = 0; p < kh; p++)
        for (int q = 0; q < kw; q++)
        {
            int r = i * stride.H - pad.H + p, col = j * stride.W - pad.W + q;
            if (r >= 0 && r < outSize.H && col >= 0 && col < outSize.W)
                y.SetDouble(y.GetDouble(a, o, r, col) + x.GetDouble(a, ch, i, j) * w.GetDouble(ch, o, p, q), a, o, r, col);
        }
        if (b is not null) y += b.AsType(DType.Float64).Reshape(1, oc, 1, 1);
        return y;
    }

    /// <summary>Max (ignoring padding) or mean (padding counted as zeros) of each window.</summary>
    public static Tensor Pool(Tensor x, bool max, (int H, int W) kernel, (int H, int W) stride, (int H, int W) pad)
    {
        int n = x.Dim(0), c = x.Dim(1), h = x.Dim(2), wd = x.Dim(3);
        int oh = (h + 2 * pad.H - kernel.H) / stride.H + 1, ow = (wd + 2 * pad.W - kernel.W) / stride.W + 1;
        var y = Tensor.Zeros(DType.Float64, n, c, oh, ow);
        for (int a = 0; a < n; a++)
        for (int ch = 0; ch < c; ch++)
        for (int i = 0; i < oh; i++)
        for (int j = 0; j < ow; j++)
        {
            double s = max ? double.NegativeInfinity : 0;
            for (int p = 0; p < kernel.H; p++)
            for (int q = 0; q < kernel.W; q++)
            {
                int r = i * stride.H - pad.H + p, col = j * stride.W - pad.W + q;
                if (r < 0 || r >= h || col < 0 || col >= wd) continue;
                double v = x.GetDouble(a, ch, r, col);
                s = max ? Math.Max(s, v) : s + v;
            }
            y.SetDouble(max ? s : s / (kernel.H * kernel.W), a, ch, i, j);
        }
        return y;
    }
}
