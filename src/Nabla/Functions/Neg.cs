using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise -x.</summary>
public sealed class Neg : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Neg()];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        return [-gys[0]];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys) => [-gys[0]];

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
