using Nabla.Autodiff;
using Nabla.Functions;

namespace Nabla;

/// <summary>Convolution and pooling over NCHW image batches, as DeZero's <c>functions_conv</c>.</summary>
/// <remarks>
/// Kernel sizes, strides and paddings are <see cref="Pair"/>s: one int for both axes or an (H, W) tuple.
/// Convolutions default to stride 1 and padding 0; pooling defaults to a stride equal to the kernel
/// (PyTorch's default; DeZero's is 1), i.e. non-overlapping windows.
/// </remarks>
public static partial class F
{
    /// <summary>
    /// 2-D convolution of x (N, C, H, W) with w (OC, C, KH, KW), plus b (OC) when given: (N, OC, OH, OW) with
    /// OH = (H + 2·pad − KH) / stride + 1 (likewise OW). Stride defaults to 1.
    /// </summary>
    public static Variable Conv2d(Variable x, Variable w, Variable? b = null, Pair? stride = null, Pair pad = default) =>
        CallWithBias(new Conv2dFunction(stride ?? 1, pad), x, w, b);

    /// <summary>
    /// Transposed 2-D convolution of x (N, C, H, W) with w (C, OC, KH, KW), plus b (OC) when given: (N, OC, OH, OW) with
    /// OH = (H − 1)·stride − 2·pad + KH (PyTorch's formula), or <paramref name="outsize"/> when given (it must convolve back to H).
    /// </summary>
    public static Variable Deconv2d(Variable x, Variable w, Variable? b = null, Pair? stride = null, Pair pad = default, Pair? outsize = null) =>
        CallWithBias(new Deconv2dFunction(stride ?? 1, pad, outsize), x, w, b);

    /// <summary>
    /// The kernel windows of x (N, C, H, W) padded with zeros: (N·OH·OW, C·KH·KW) when <paramref name="toMatrix"/>,
    /// else (N, C, KH, KW, OH, OW). Stride defaults to 1.
    /// </summary>
    public static Variable Im2Col(Variable x, Pair kernel, Pair? stride = null, Pair pad = default, bool toMatrix = true) =>
        new Im2Col(kernel, stride ?? 1, pad, toMatrix).Call(x);

    /// <summary>The adjoint of <see cref="Im2Col(Variable, Pair, Pair?, Pair, bool)"/>: columns added back into an image batch of shape <paramref name="inputShape"/> (N, C, H, W).</summary>
    public static Variable Col2Im(Variable col, int[] inputShape, Pair kernel, Pair? stride = null, Pair pad = default, bool toMatrix = true) =>
        new Col2Im(inputShape, kernel, stride ?? 1, pad, toMatrix).Call(col);

    /// <summary>
    /// 2-D max pooling of x (N, C, H, W): (N, C, OH, OW). Stride defaults to the kernel size (PyTorch; DeZero uses 1).
    /// With the default <paramref name="padValue"/> (−∞) the padding is ignored and may be at most half the kernel (PyTorch);
    /// any other value is padded in first (<see cref="Pad(Variable, ValueTuple{int, int}[], double)"/>), so that
    /// <c>padValue: 0</c> gives DeZero's zero-padded windows. On ties the gradient goes to the first maximum in row-major window order.
    /// </summary>
    public static Variable Pooling(Variable x, Pair kernel, Pair? stride = null, Pair pad = default, double padValue = double.NegativeInfinity)
    {
        if (double.IsNegativeInfinity(padValue) || pad == default)
            return new Pooling(kernel, stride ?? kernel, pad).Call(x);
        if (x.NDim != 4)
            throw new ArgumentException($"Pooling: needs an (N, C, H, W) input, got shape {x.Data.ShapeString}");
        var padded = Pad(x, [(0, 0), (0, 0), (pad.H, pad.H), (pad.W, pad.W)], padValue);
        return new Pooling(kernel, stride ?? kernel, default).Call(padded);
    }

    /// <summary>
    /// 2-D average pooling of x (N, C, H, W): (N, C, OH, OW), the zero padding counted in each window.
    /// Stride defaults to the kernel size (PyTorch; DeZero uses 1); the padding may be at most half the kernel.
    /// </summary>
    public static Variable AveragePooling(Variable x, Pair kernel, Pair? stride = null, Pair pad = default) =>
        new AveragePooling(kernel, stride ?? kernel, pad).Call(x);

    private static Variable CallWithBias(Function f, Variable x, Variable w, Variable? b) =>
        b is null ? f.Call(x, w) : f.Call(x, w, b);
}
