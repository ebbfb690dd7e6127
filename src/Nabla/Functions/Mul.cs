using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise x0 * x1 with broadcasting.</summary>
public sealed class Mul : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] * xs[1]];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x0, x1) = (Inputs[0], Inputs[1]);
        return [Broadcast.Reduce(gys[0] * x1, x0), Broadcast.Reduce(gys[0] * x0, x1)];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var (x0, x1) = (Inputs[0], Inputs[1]);
        return [BatchInputNeedsGrad(0) ? BatchRules.Reduce(gys[0] * x1, x0) : null, BatchInputNeedsGrad(1) ? BatchRules.Reduce(gys[0] * x0, x1) : null];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) =>
        [Terms(IsZero(txs[0]) ? null : txs[0] * xs[1], IsZero(txs[1]) ? null : xs[0] * txs[1])];
}
