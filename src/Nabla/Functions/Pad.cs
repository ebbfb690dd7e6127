using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Constant padding, NumPy's <c>np.pad(x, widths, constant_values=value)</c>: <see cref="Widths"/> holds one
/// (before, after) pair per axis. The gradient is the gradient's interior (the padding is constant).
/// </summary>
public sealed class Pad : Function
{
    /// <summary>Pads each axis of a tensor of <paramref name="ndim"/> axes by its (before, after) pair; one pair stands for every axis.</summary>
    /// <exception cref="ArgumentException">The number of pairs is neither 1 nor <paramref name="ndim"/>, or a width is negative.</exception>
    public Pad((int Before, int After)[] widths, int ndim, double value = 0)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Length != ndim && widths.Length != 1)
            throw new ArgumentException($"Pad: {widths.Length} (before, after) pairs for a tensor of {ndim} axes (give one per axis, or one for all)");
        foreach (var (b, a) in widths)
            if (b < 0 || a < 0) throw new ArgumentException($"Pad: widths must be non-negative, got ({b}, {a})");
        Widths = widths.Length == ndim ? (widths.Clone() as (int, int)[])! : Enumerable.Repeat(widths[0], ndim).ToArray();
        Value = value;
    }

    /// <summary>The (before, after) widths, one pair per axis.</summary>
    public (int Before, int After)[] Widths { get; }

    /// <summary>The value of the padding.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [Padded(xs[0], Value)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [F.GetItem(gys[0], Interior(Inputs[0].Shape))];

    /// <summary>The padding is constant, so the tangent is the input's tangent padded with zeros.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [Padded(txs[0], 0)];

    private Tensor Padded(Tensor x, double value)
    {
        if (x.NDim != Widths.Length)
            throw new ArgumentException($"Pad: widths are for {Widths.Length} axes, the input has shape {x.ShapeString}");
        var shape = x.Shape;
        for (int i = 0; i < shape.Length; i++) shape[i] += Widths[i].Before + Widths[i].After;
        var y = Tensor.Full(shape, value, x.DType).To(x.Device);
        y[Interior(x.Shape)] = x;
        return y;
    }

    private TensorIndex[] Interior(int[] inputShape) =>
        [.. inputShape.Select((n, i) => (TensorIndex)new Slice(Widths[i].Before, Widths[i].Before + n))];
}
