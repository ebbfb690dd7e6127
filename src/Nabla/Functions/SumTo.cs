using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Sums down to a shape, the reverse of broadcasting; its gradient broadcasts back.</summary>
public sealed class SumTo(int[] shape) : ShapeFunction(shape)
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].SumTo(TargetShape)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [F.BroadcastTo(gys[0], Inputs[0].Shape)];

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys) => [BatchRules.Expand(gys[0], Inputs[0].Shape)];
}
