using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>NumPy broadcasting to a shape; its gradient sums back.</summary>
public sealed class BroadcastTo(int[] shape) : ShapeFunction(shape)
{
    // Materialised: a broadcast view would make later in-place updates write one element many times.
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].BroadcastTo(TargetShape).Copy()];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [F.SumTo(gys[0], Inputs[0].Shape)];

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys) => [BatchRules.Reduce(gys[0], Inputs[0])];
}
