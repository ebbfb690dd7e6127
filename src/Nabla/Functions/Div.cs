using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise x0 / x1 with broadcasting.</summary>
public sealed class Div : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] / xs[1]];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x0, x1) = (Inputs[0], Inputs[1]);
        return [Broadcast.Reduce(Gx0(gys[0], x1), x0), Broadcast.Reduce(Gx1(gys[0], x0, x1), x1)];
    }

    /// <summary>gy·∂(x0/x1)/∂x0 = gy/x1, for a plain cotangent or a batch of them: written once.</summary>
    private static Variable Gx0(Variable gy, Variable x1) => gy / x1;

    /// <summary>gy·∂(x0/x1)/∂x1 = gy·(−x0/x1²), for a plain cotangent or a batch of them: written once.</summary>
    private static Variable Gx1(Variable gy, Variable x0, Variable x1) => gy * (-x0 / (x1 * x1));

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var (x0, x1) = (Inputs[0], Inputs[1]);
        return
        [
            BatchInputNeedsGrad(0) ? BatchRules.Reduce(Gx0(gys[0], x1), x0) : null,
            BatchInputNeedsGrad(1) ? BatchRules.Reduce(Gx1(gys[0], x0, x1), x1) : null,
        ];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [(txs[0] - ys[0] * txs[1]) / xs[1]];
}
