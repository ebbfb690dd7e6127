using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;

namespace Nabla;

/// <summary>
/// The public way into every differentiable operation, as DeZero's <c>functions</c> module:
/// <c>F.Tanh(x)</c>, <c>F.MatMul(x, W)</c>, <c>F.Sum(y)</c>. Each call runs one <see cref="Function"/>.
/// </summary>
public static class F
{
    public static Variable Add(Variable a, Variable b) => new Add().Call(a, b);
    public static Variable Sub(Variable a, Variable b) => new Sub().Call(a, b);
    public static Variable Mul(Variable a, Variable b) => new Mul().Call(a, b);
    public static Variable Div(Variable a, Variable b) => new Div().Call(a, b);
    public static Variable Neg(Variable x) => new Neg().Call(x);
    public static Variable Pow(Variable x, double exponent) => new Pow(exponent).Call(x);
    public static Variable Exp(Variable x) => new Exp().Call(x);
    public static Variable Log(Variable x) => new Log().Call(x);
    public static Variable Sin(Variable x) => new Sin().Call(x);
    public static Variable Cos(Variable x) => new Cos().Call(x);
    public static Variable Tanh(Variable x) => new Tanh().Call(x);
    public static Variable Sqrt(Variable x) => new Sqrt().Call(x);

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

    /// <summary>Wraps a tensor as a variable (no-op for variables), for mixing constants into expressions.</summary>
    public static Variable AsVariable(Tensor t) => new(t);
}
