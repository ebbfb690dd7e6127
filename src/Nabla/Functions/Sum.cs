using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Sum over all or the given axes; the gradient is broadcast back over the summed axes.</summary>
public sealed class Sum(int[]? axes = null, bool keepDims = false) : Function
{
    /// <summary>The axes summed over, or null for all axes.</summary>
    public int[]? Axes { get; } = axes is null ? null : ShapeUtil.CopyOf(axes);
    /// <summary>Whether the summed axes are kept with length 1.</summary>
    public bool KeepDims { get; } = keepDims;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Sum(Axes, KeepDims)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        var kept = x.Shape;
        var axes = Axes ?? Enumerable.Range(0, x.NDim).ToArray();
        foreach (int a in axes) kept[a < 0 ? a + x.NDim : a] = 1;
        // Without a graph to record or tangents to carry, a read-only broadcast view replaces the copy: the readers
        // (Add passes it on, Mul and the slopes multiply it) take a broadcast operand, and a full array of
        // copies would be written and then faulted in for nothing. Leaves and retained gradients get a copy.
        if (!RecordsGraph && gys[0].Tangent is null && x.Tangent is null)
            return [new Variable(gys[0].Data.Reshape(kept).BroadcastTo(x.Shape)) { MadeWithoutGraph = true }];
        return [F.BroadcastTo(F.Reshape(gys[0], kept), x.Shape)];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var x = Inputs[0];
        var kept = BatchRules.Shape(gys[0], Broadcast.KeptShape(x.Shape, Axes));
        return [F.BroadcastTo(F.Reshape(gys[0], kept), BatchRules.Shape(gys[0], x.Shape))];
    }

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
