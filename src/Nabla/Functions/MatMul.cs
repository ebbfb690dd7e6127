using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Batched matrix product (…, m, k) @ (…, k, n) of operands with at least two dimensions; batch axes
/// broadcast and their gradients are summed back. (<see cref="F.MatMul"/> handles 1-D operands by reshaping.)
/// </summary>
public sealed class MatMul : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        if (xs[0].NDim < 2 || xs[1].NDim < 2)
            throw new ArgumentException($"MatMul: operands need at least two dimensions here, got {Format(xs[0])} and {Format(xs[1])}");
        return [Tensor.MatMul(xs[0], xs[1])];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (a, b) = (Inputs[0], Inputs[1]);
        return
        [
            InputNeedsGrad(0) ? Broadcast.Reduce(F.MatMul(gys[0], F.SwapAxes(b, -1, -2)), a) : null,
            InputNeedsGrad(1) ? Broadcast.Reduce(F.MatMul(F.SwapAxes(a, -1, -2), gys[0]), b) : null,
        ];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <summary>The ordinary rule with each product folded where the other operand is a matrix (see <see cref="BatchRules"/>).</summary>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var (a, b) = (Inputs[0], Inputs[1]);
        return
        [
            BatchInputNeedsGrad(0) ? BatchRules.Reduce(BatchRules.TimesTransposed(gys[0], b), a) : null,
            BatchInputNeedsGrad(1) ? BatchRules.Reduce(BatchRules.TransposedTimes(a, gys[0]), b) : null,
        ];
    }

    private static string Format(Tensor t) => "(" + string.Join(",", t.Shape) + (t.NDim == 1 ? ",)" : ")");

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) =>
        [Terms(IsZero(txs[0]) ? null : Tensor.MatMul(txs[0], xs[1]), IsZero(txs[1]) ? null : Tensor.MatMul(xs[0], txs[1]))];
}
