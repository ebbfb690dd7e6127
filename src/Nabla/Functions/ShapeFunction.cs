using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// A linear function that brings its input to a target shape (<see cref="Reshape"/>, <see cref="BroadcastTo"/>,
/// <see cref="SumTo"/>): each has a batched backward rule, and its tangent goes through the forward computation itself.
/// </summary>
public abstract class ShapeFunction(int[] shape) : Function
{
    /// <summary>The shape the input is brought to (for <see cref="Reshape"/>, one dimension may be -1).</summary>
    public int[] TargetShape { get; } = ShapeUtil.CopyOf(shape);

    /// <inheritdoc/>
    protected internal sealed override bool HasBatchRule => true;

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal sealed override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
