using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>NumPy broadcasting to a shape; its gradient sums back.</summary>
public sealed class BroadcastTo(int[] shape) : Function
{
    /// <summary>The shape the input is broadcast to.</summary>
    public int[] TargetShape { get; } = ShapeUtil.CopyOf(shape);

    // Materialised: a broadcast view would make later in-place updates write one element many times.
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].BroadcastTo(TargetShape).Copy()];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [F.SumTo(gys[0], Inputs[0].Shape)];

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys) => [BatchRules.Reduce(gys[0], Inputs[0])];

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
