using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Maximum (or minimum) over the given axes or all; the gradient flows to every element equal to the result, and where the
/// result is NaN to the NaN elements (as in PyTorch), since NaN equals nothing.
/// </summary>
public sealed class MaxMin(bool max, int[]? axes, bool keepDims = false) : Function
{
    /// <summary>Over one axis or all (null).</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public MaxMin(bool max, int? axis = null, bool keepDims = false) : this(max, axis is int a ? [a] : null, keepDims) { }

    /// <summary>True for the maximum, false for the minimum.</summary>
    public bool IsMax { get; } = max;

    /// <summary>The reduced axis when exactly one is; null when all or several are (see <see cref="Axes"/>).</summary>
    public int? Axis => Axes is [int a] ? a : null;

    /// <summary>The reduced axes, or null for all.</summary>
    public int[]? Axes { get; } = axes is null ? null : ShapeUtil.CopyOf(axes);

    /// <summary>Whether the reduced axes are kept with length 1.</summary>
    public bool KeepDims { get; } = keepDims;

    /// <inheritdoc/>
    public override string Name => IsMax ? "Max" : "Min";

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [IsMax ? xs[0].Max(Axes, KeepDims) : xs[0].Min(Axes, KeepDims)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        var kept = Broadcast.KeptShape(x.Shape, Axes);
        var y = Output().Data.Reshape(kept);
        var mask = Selected(x.Data, y).AsType(x.DType);
        return [F.BroadcastTo(F.Reshape(gys[0], kept), x.Shape) * mask];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        // The tangent of every element equal to the result, summed: the adjoint of what Backward sends.
        var kept = Broadcast.KeptShape(xs[0].Shape, Axes);
        var mask = Selected(xs[0], ys[0].Reshape(kept)).AsType(xs[0].DType);
        return [(txs[0] * mask).Sum(Axes, KeepDims)];
    }

    /// <summary>The elements that gave the result <paramref name="y"/> (broadcast over the reduced axes): equal to it, or NaN where it is NaN.</summary>
    private static Tensor Selected(Tensor x, Tensor y) => Tensor.LogicalOr(x.Eq(y), Tensor.LogicalAnd(x.Ne(x), y.Ne(y)));
}
