using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Maximum (or minimum) over an axis or all; the gradient flows to every element equal to the result, and where the
/// result is NaN to the NaN elements (as in PyTorch), since NaN equals nothing.
/// </summary>
public sealed class MaxMin(bool max, int? axis = null, bool keepDims = false) : Function
{
    /// <summary>True for the maximum, false for the minimum.</summary>
    public bool IsMax { get; } = max;
    /// <summary>The axis reduced over, or null for all axes.</summary>
    public int? Axis { get; } = axis;
    /// <summary>Whether the reduced axis is kept with length 1.</summary>
    public bool KeepDims { get; } = keepDims;

    /// <inheritdoc/>
    public override string Name => IsMax ? "Max" : "Min";

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [IsMax ? xs[0].Max(Axis, KeepDims) : xs[0].Min(Axis, KeepDims)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        var kept = Broadcast.KeptShape(x.Shape, Axis);
        var y = Output().Data.Reshape(kept);
        var mask = Selected(x.Data, y).AsType(x.DType);
        return [F.BroadcastTo(F.Reshape(gys[0], kept), x.Shape) * mask];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        // The tangent of every element equal to the result, summed: the adjoint of what Backward sends.
        var kept = Broadcast.KeptShape(xs[0].Shape, Axis);
        var mask = Selected(xs[0], ys[0].Reshape(kept)).AsType(xs[0].DType);
        return [(txs[0] * mask).Sum(Axis, KeepDims)];
    }

    /// <summary>The elements that gave the result <paramref name="y"/> (broadcast over the reduced axes): equal to it, or NaN where it is NaN.</summary>
    private static Tensor Selected(Tensor x, Tensor y) => Tensor.LogicalOr(x.Eq(y), Tensor.LogicalAnd(x.Ne(x), y.Ne(y)));
}
