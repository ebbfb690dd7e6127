using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise x0 + x1 with broadcasting; each gradient is summed back to its input's shape.</summary>
public sealed class Add : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] + xs[1]];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        return [Broadcast.Reduce(gys[0], Inputs[0]), Broadcast.Reduce(gys[0], Inputs[1])];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys) =>
    [
        BatchInputNeedsGrad(0) ? BatchRules.Reduce(gys[0], Inputs[0]) : null,
        BatchInputNeedsGrad(1) ? BatchRules.Reduce(gys[0], Inputs[1]) : null,
    ];

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
