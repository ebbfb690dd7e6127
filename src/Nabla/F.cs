using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;

namespace Nabla;

/// <summary>
/// The public way into every differentiable operation, as DeZero's <c>functions</c> module:
/// <c>F.Tanh(x)</c>, <c>F.MatMul(x, W)</c>, <c>F.Sum(y)</c>. Each call runs one <see cref="Function"/>.
/// </summary>
public static partial class F
{
    /// <summary>a + b with broadcasting; each gradient is summed back to its input's shape.</summary>
    public static Variable Add(Variable a, Variable b) => new Add().Call(a, b);
    /// <summary>a − b with broadcasting; each gradient is summed back to its input's shape.</summary>
    public static Variable Sub(Variable a, Variable b) => new Sub().Call(a, b);
    /// <summary>a · b elementwise with broadcasting; ga = gy·b, gb = gy·a.</summary>
    public static Variable Mul(Variable a, Variable b) => new Mul().Call(a, b);
    /// <summary>a / b elementwise with broadcasting; ga = gy / b, gb = −gy·a / b².</summary>
    public static Variable Div(Variable a, Variable b) => new Div().Call(a, b);
    /// <summary>−x.</summary>
    public static Variable Neg(Variable x) => new Neg().Call(x);
    /// <summary>x to a constant power, elementwise; d x^c = c·x^(c−1).</summary>
    public static Variable Pow(Variable x, double exponent) => new Pow(exponent).Call(x);
    /// <summary>e^x elementwise; its derivative is itself.</summary>
    public static Variable Exp(Variable x) => new Exp().Call(x);
    /// <summary>The natural logarithm, elementwise; d log x = 1 / x.</summary>
    public static Variable Log(Variable x) => new Log().Call(x);
    /// <summary>sin x elementwise (radians); d sin x = cos x.</summary>
    public static Variable Sin(Variable x) => new Sin().Call(x);
    /// <summary>cos x elementwise (radians); d cos x = −sin x.</summary>
    public static Variable Cos(Variable x) => new Cos().Call(x);
    /// <summary>tanh x elementwise; d tanh x = 1 − tanh² x.</summary>
    public static Variable Tanh(Variable x) => new Tanh().Call(x);
    /// <summary>√x elementwise; d √x = 1 / (2√x).</summary>
    public static Variable Sqrt(Variable x) => new Sqrt().Call(x);
    /// <summary>tan x elementwise (radians); d tan x = 1 + tan² x.</summary>
    public static Variable Tan(Variable x) => new Tan().Call(x);
    /// <summary>|x| elementwise; its gradient is sign(x) (0 at 0, as in PyTorch).</summary>
    public static Variable Abs(Variable x) => new Abs().Call(x);

    /// <summary>Variables joined along an existing axis.</summary>
    public static Variable Concat(IReadOnlyList<Variable> xs, int axis = 0) => new Concat(axis).Call([.. xs]);

    /// <summary>Variables of one shape joined along a new axis.</summary>
    public static Variable Stack(IReadOnlyList<Variable> xs, int axis = 0) =>
        Concat(xs.Select(x => ExpandDims(x, axis < 0 ? axis + x.NDim + 1 : axis)).ToArray(), axis);

    /// <summary>A new axis of length 1 at <paramref name="axis"/>.</summary>
    public static Variable ExpandDims(Variable x, int axis) => Reshape(x, x.Data.ExpandDims(axis).Shape);

    /// <summary>All axes after the first merged: (N, ...) becomes (N, rest), as DeZero's flatten for layers.</summary>
    public static Variable Flatten(Variable x) => Reshape(x, x.NDim == 0 ? 1 : x.Shape[0], -1);

    /// <summary>The same values in another shape (one dimension may be -1); no-op when the shape already matches.</summary>
    public static Variable Reshape(Variable x, params int[] shape) =>
        x.Shape.AsSpan().SequenceEqual(shape) ? x : new Functions.Reshape(shape).Call(x);

    /// <summary>Axes permuted; reversed when none are given.</summary>
    public static Variable Transpose(Variable x, params int[] axes) => new Functions.Transpose(axes).Call(x);

    /// <summary>Two axes exchanged.</summary>
    public static Variable SwapAxes(Variable x, int axis1, int axis2)
    {
        var axes = Enumerable.Range(0, x.NDim).ToArray();
        int a = axis1 < 0 ? axis1 + x.NDim : axis1, b = axis2 < 0 ? axis2 + x.NDim : axis2;
        (axes[a], axes[b]) = (axes[b], axes[a]);
        return Transpose(x, axes);
    }

    /// <summary>Sum over all axes or one axis.</summary>
    /// <remarks>Preferred over the axes overload for a literal <c>null</c> (<c>F.Sum(x, null, true)</c>: all axes, either way).</remarks>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Sum(Variable x, int? axis = null, bool keepDims = false) =>
        new Functions.Sum(axis is int a ? [a] : null, keepDims).Call(x);

    /// <summary>Sum over the given axes (null: all).</summary>
    public static Variable Sum(Variable x, int[]? axes, bool keepDims = false) => new Functions.Sum(axes, keepDims).Call(x);

    /// <summary>Sums down to <paramref name="shape"/> (the reverse of broadcasting); no-op when the shape already matches.</summary>
    public static Variable SumTo(Variable x, params int[] shape) =>
        x.Shape.AsSpan().SequenceEqual(shape) ? x : new Functions.SumTo(shape).Call(x);

    /// <summary>Broadcasts to <paramref name="shape"/>; no-op when the shape already matches.</summary>
    public static Variable BroadcastTo(Variable x, params int[] shape) =>
        x.Shape.AsSpan().SequenceEqual(shape) ? x : new Functions.BroadcastTo(shape).Call(x);

    /// <summary>NumPy's matmul, 1-D operands included (a vector on the left is a row, on the right a column).</summary>
    public static Variable MatMul(Variable a, Variable b)
    {
        if (a.NDim == 0 || b.NDim == 0)
            throw new ArgumentException($"MatMul: operands must have at least one dimension, got shapes {a.Data.ShapeString} and {b.Data.ShapeString}");
        var left = a.NDim == 1 ? Reshape(a, 1, a.Shape[0]) : a;
        var right = b.NDim == 1 ? Reshape(b, b.Shape[0], 1) : b;
        var y = new Functions.MatMul().Call(left, right);
        if (a.NDim == 1 && b.NDim == 1) return Reshape(y);
        if (a.NDim == 1) return Reshape(y, [.. y.Shape[..^2], y.Shape[^1]]);
        if (b.NDim == 1) return Reshape(y, y.Shape[..^1]);
        return y;
    }

    /// <summary>Mean over all axes or one axis.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Mean(Variable x, int? axis = null, bool keepDims = false)
    {
        double count = axis is int a ? x.Shape[a < 0 ? a + x.NDim : a] : x.Size;
        return Sum(x, axis, keepDims) / count;
    }

    /// <summary>1 / (1 + e^−x) elementwise; d σ(x) = σ(x)·(1 − σ(x)).</summary>
    public static Variable Sigmoid(Variable x) => new Sigmoid().Call(x);
    /// <summary>max(0, x) elementwise; the gradient passes where x &gt; 0.</summary>
    public static Variable ReLU(Variable x) => new ReLU().Call(x);
    /// <summary>x where x &gt; 0, else <paramref name="slope"/>·x (0.2 by default), elementwise.</summary>
    public static Variable LeakyReLU(Variable x, double slope = 0.2) => new LeakyReLU(slope).Call(x);

    /// <summary>x @ W + b for x of shape (N, in) and W of shape (in, out); b may be null.</summary>
    public static Variable Linear(Variable x, Variable w, Variable? b = null) =>
        b is null ? new LinearFunction().Call(x, w) : new LinearFunction().Call(x, w, b);

    /// <summary>exp(x) normalised to sum to 1 along <paramref name="axis"/> (1 by default: the classes of (N, C) scores), computed stably.</summary>
    public static Variable Softmax(Variable x, int axis = 1) => new Softmax(axis).Call(x);
    /// <summary>log(softmax(x)) along <paramref name="axis"/> (1 by default), computed stably as x − logsumexp(x).</summary>
    public static Variable LogSoftmax(Variable x, int axis = 1) => new LogSoftmax(axis).Call(x);
    /// <summary>log(sum(exp(x))) over <paramref name="axis"/> (null: all axes), shifted by the maximum so that it never overflows; its gradient is softmax.</summary>
    public static Variable LogSumExp(Variable x, int? axis = null, bool keepDims = false) => new LogSumExp(axis, keepDims).Call(x);

    /// <summary>Softmax cross-entropy of scores (N, C) against integer labels (N,), averaged over the batch.</summary>
    public static Variable SoftmaxCrossEntropy(Variable x, Variable t) => new SoftmaxCrossEntropy().Call(x, t);

    /// <summary>Softmax cross-entropy against an integer label tensor.</summary>
    public static Variable SoftmaxCrossEntropy(Variable x, Tensor t) => new SoftmaxCrossEntropy().Call(x, new Variable(t));

    /// <summary>
    /// The squared error of x0 against x1 (shapes broadcast, as DeZero's), by default its mean over all elements
    /// (PyTorch's); <paramref name="reduction"/> BatchMean is DeZero's sum / len(diff).
    /// </summary>
    public static Variable MeanSquaredError(Variable x0, Variable x1, Reduction reduction = Reduction.Mean) =>
        new MeanSquaredError(reduction).Call(x0, x1);

    /// <summary>NumPy indexing as a differentiable function.</summary>
    public static Variable GetItem(Variable x, params TensorIndex[] index) => new GetItem(index).Call(x);

    /// <summary>The maximum over <paramref name="axis"/> (null: all axes); the gradient flows to every element equal to it.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Max(Variable x, int? axis = null, bool keepDims = false) => new MaxMin(true, axis, keepDims).Call(x);
    /// <summary>The minimum over <paramref name="axis"/> (null: all axes); the gradient flows to every element equal to it.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public static Variable Min(Variable x, int? axis = null, bool keepDims = false) => new MaxMin(false, axis, keepDims).Call(x);
    /// <summary>x limited to [<paramref name="min"/>, <paramref name="max"/>] elementwise; the gradient passes where x lies inside.</summary>
    public static Variable Clip(Variable x, double min, double max) => new Clip(min, max).Call(x);

    /// <summary>The fraction of rows whose largest score is at the label (no gradient).</summary>
    public static Variable Accuracy(Variable y, Tensor t)
    {
        var predicted = y.Data.ArgMax(1).Reshape(t.Shape);
        return new Variable(predicted.Eq(t.AsType(DType.Int64)).AsType(DType.Float64).Mean());
    }

    /// <summary>Wraps a tensor as a variable (no-op for variables), for mixing constants into expressions.</summary>
    public static Variable AsVariable(Tensor t) => new(t);

    /// <summary>x^y elementwise with a variable exponent (broadcasting), differentiable in both; see <see cref="Power"/>.</summary>
    public static Variable Pow(Variable x, Variable y) => new Power().Call(x, y);

    /// <summary>Mean over the given axes (null: all), as NumPy's <c>mean(axis=(0, 2))</c>.</summary>
    public static Variable Mean(Variable x, int[]? axes, bool keepDims = false)
    {
        double count = 1;
        foreach (int a in ShapeUtil.NormalizeAxes(axes, x.NDim, "Mean")) count *= x.Shape[a];
        return Sum(x, axes, keepDims) / count;
    }

    /// <summary>Maximum over the given axes (null: all); the gradient goes to every element equal to the result.</summary>
    public static Variable Max(Variable x, int[]? axes, bool keepDims = false) => new MaxMin(true, axes, keepDims).Call(x);

    /// <summary>Minimum over the given axes (null: all); the gradient goes to every element equal to the result.</summary>
    public static Variable Min(Variable x, int[]? axes, bool keepDims = false) => new MaxMin(false, axes, keepDims).Call(x);

    /// <summary>
    /// Constant padding as NumPy's <c>np.pad(x, widths, constant_values=value)</c>: one (before, after) pair per axis,
    /// or a single pair for every axis. Differentiable; the gradient is the interior of the output's gradient.
    /// </summary>
    public static Variable Pad(Variable x, (int Before, int After)[] widths, double value = 0) =>
        new Functions.Pad(widths, x.NDim, value).Call(x);

    /// <summary>
    /// Constant padding as PyTorch's <c>F.pad(x, pad, value=value)</c>: <paramref name="pad"/> holds (before, after)
    /// pairs from the last axis backwards, <c>[left, right, top, bottom, ...]</c>; the axes it does not reach are not padded.
    /// </summary>
    public static Variable Pad(Variable x, int[] pad, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(pad);
        if (pad.Length % 2 != 0 || pad.Length / 2 > x.NDim)
            throw new ArgumentException($"Pad: {pad.Length} widths for a tensor of shape {x.Data.ShapeString} (give an even number, at most two per axis)");
        var widths = new (int Before, int After)[x.NDim];
        for (int k = 0; k < pad.Length / 2; k++) widths[x.NDim - 1 - k] = (pad[2 * k], pad[2 * k + 1]);
        return Pad(x, widths, value);
    }
}
