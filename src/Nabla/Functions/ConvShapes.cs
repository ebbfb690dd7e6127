using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Checks of the shapes and window sizes of the convolution and pooling functions, with messages naming the operation.</summary>
internal static class ConvShapes
{
    /// <summary>The geometry of a <paramref name="kernel"/> window sliding over an image batch of shape <paramref name="x"/>.</summary>
    public static ConvGeometry Window(string op, int[] x, Pair kernel, Pair stride, Pair pad)
    {
        if (x.Length != 4)
            throw new ArgumentException($"{op}: input of shape {Format(x)} needs 4 dimensions (N,C,H,W)");
        if (kernel.H <= 0 || kernel.W <= 0)
            throw new ArgumentException($"{op}: kernel size {kernel} must be positive");
        if (stride.H <= 0 || stride.W <= 0)
            throw new ArgumentException($"{op}: stride {stride} must be positive");
        if (pad.H < 0 || pad.W < 0)
            throw new ArgumentException($"{op}: padding {pad} must not be negative");
        if (x[2] + 2 * pad.H < kernel.H || x[3] + 2 * pad.W < kernel.W)
            throw new ArgumentException($"{op}: kernel {kernel} is larger than the input of shape {Format(x)} padded by {pad}");
        return new ConvGeometry(x[0], x[1], x[2], x[3], kernel.H, kernel.W, stride.H, stride.W, pad.H, pad.W);
    }

    /// <summary>
    /// The geometry of pooling. As in PyTorch the padding may be at most half the kernel, so that every
    /// window holds at least one element of the image.
    /// </summary>
    public static ConvGeometry Pool(string op, int[] x, Pair kernel, Pair stride, Pair pad)
    {
        var g = Window(op, x, kernel, stride, pad);
        if (2 * pad.H > kernel.H || 2 * pad.W > kernel.W)
            throw new ArgumentException($"{op}: padding {pad} must be at most half the kernel size {kernel}");
        return g;
    }

    /// <summary>The geometry of x (N, C, H, W) convolved with w (OC, C, KH, KW), b (OC) optional.</summary>
    public static ConvGeometry Conv(string op, int[] x, int[] w, int[]? b, Pair stride, Pair pad)
    {
        CheckWeight(op, x, w, b, inChannelAxis: 1, outChannelAxis: 0, "(OC,C,KH,KW)");
        return Window(op, x, (w[2], w[3]), stride, pad);
    }

    /// <summary>
    /// The geometry of the convolution that a transposed convolution of x (N, C, H, W) by w (C, OC, KH, KW) undoes:
    /// from an (outH, outW) image of OC channels to x. Without <paramref name="outsize"/> the output is
    /// (H−1)·stride − 2·pad + KH high (PyTorch's formula), and likewise wide.
    /// </summary>
    public static ConvGeometry Deconv(string op, int[] x, int[] w, int[]? b, Pair stride, Pair pad, Pair? outsize)
    {
        CheckWeight(op, x, w, b, inChannelAxis: 0, outChannelAxis: 1, "(C,OC,KH,KW)");
        if (stride.H <= 0 || stride.W <= 0)
            throw new ArgumentException($"{op}: stride {stride} must be positive");
        Pair size = outsize ?? ((x[2] - 1) * stride.H - 2 * pad.H + w[2], (x[3] - 1) * stride.W - 2 * pad.W + w[3]);
        if (size.H <= 0 || size.W <= 0)
            throw new ArgumentException($"{op}: input of shape {Format(x)} with kernel ({w[2]},{w[3]}), stride {stride} and padding {pad} gives an empty output {size}");
        var g = Window(op, [x[0], w[1], size.H, size.W], (w[2], w[3]), stride, pad);
        if (g.OH != x[2] || g.OW != x[3])
            throw new ArgumentException($"{op}: output size {size} does not fit the input of shape {Format(x)} with kernel ({w[2]},{w[3]}), stride {stride} and padding {pad}: convolving it back gives ({g.OH},{g.OW})");
        return g;
    }

    /// <summary>Checks that <paramref name="shape"/> is exactly <paramref name="expected"/>.</summary>
    public static void Expect(string op, string what, int[] shape, int[] expected)
    {
        if (!shape.AsSpan().SequenceEqual(expected))
            throw new ArgumentException($"{op}: {what} of shape {Format(shape)} should have shape {Format(expected)}");
    }

    /// <summary>The tensors converted to their common floating-point dtype (the kernels handle float and double).</summary>
    public static Tensor[] Floats(Tensor[] xs)
    {
        var dtype = xs.Aggregate(DType.Bool, (d, x) => DTypeExtensions.Promote(d, x.DType)).ToFloat();
        return xs.Select(x => x.AsType(dtype)).ToArray();
    }

    /// <summary>The tensors (tangents) converted to <paramref name="dtype"/>, the dtype their primal values were computed in.</summary>
    public static Tensor[] Like(Tensor[] xs, DType dtype) => xs.Select(x => x.AsType(dtype)).ToArray();

    /// <summary>
    /// The tangent of <paramref name="op"/>(x, W, b), bilinear in x and W and affine in b (convolution and its
    /// transpose alike): op(ẋ, W, ḃ) + op(x, Ẇ, none).
    /// </summary>
    public static Tensor BilinearJvp(Tensor[] xs, Tensor[] txs, Func<Tensor, Tensor, Tensor?, Tensor> op)
    {
        var t = Floats(xs);
        var dt = Like(txs, t[0].DType);
        return op(dt[0], t[1], dt.Length > 2 ? dt[2] : null) + op(t[0], dt[1], null);
    }

    /// <summary>
    /// The gradients of x and W, and of b (gy summed over the batch and the image) when <paramref name="inputs"/> has one
    /// and <paramref name="biasNeeded"/>.
    /// </summary>
    public static Variable?[] WithBiasGrad(Variable[] inputs, Variable? gx, Variable? gw, Variable gy, bool biasNeeded) =>
        inputs.Length > 2 ? [gx, gw, biasNeeded ? F.Sum(gy, [0, 2, 3]) : null] : [gx, gw];

    public static string Format(int[] shape) => ShapeUtil.Format(shape);

    private static void CheckWeight(string op, int[] x, int[] w, int[]? b, int inChannelAxis, int outChannelAxis, string layout)
    {
        if (x.Length != 4)
            throw new ArgumentException($"{op}: input of shape {Format(x)} needs 4 dimensions (N,C,H,W)");
        if (w.Length != 4)
            throw new ArgumentException($"{op}: weight of shape {Format(w)} needs 4 dimensions {layout}");
        if (x[1] != w[inChannelAxis])
            throw new ArgumentException($"{op}: input of shape {Format(x)} has {x[1]} channels but weight of shape {Format(w)} expects {w[inChannelAxis]}");
        if (b is not null && (b.Length != 1 || b[0] != w[outChannelAxis]))
            throw new ArgumentException($"{op}: bias of shape {Format(b)} does not match the {w[outChannelAxis]} output channels of weight of shape {Format(w)}");
    }
}
