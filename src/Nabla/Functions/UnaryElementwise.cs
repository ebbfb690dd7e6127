using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// An elementwise function of one input whose derivative is a local slope f'(x): the slope is written
/// once, and serves both the backward rule (gy · f'(x), differentiable again) and the forward-mode rule
/// (tx · f'(x), evaluated without a graph).
/// </summary>
public abstract class UnaryElementwise : Function
{
    /// <summary>f'(x), given the input and the output (whichever is cheaper to use).</summary>
    protected abstract Variable Slope(Variable x, Variable y);

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (gy, x, y) = (gys[0], Inputs[0], Output());
        // Without a graph to record (the usual createGraph = false) and without tangents to carry (forward over
        // reverse), a one-pass kernel may replace gy * slope.
        if (!RecordsGraph && gy.Tangent is null && x.Tangent is null && y.Tangent is null
            && FusedGradient(gy.Data, x.Data, y.Data) is { } fused)
            return [new Variable(TensorScope.MarkResult(fused)) { MadeWithoutGraph = true }];
        return [gy * Slope(x, y)];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <summary>The slope is computed once and broadcast over the batch axis of the cotangents.</summary>
    protected internal override Variable?[] BackwardBatched(Variable[] gys) => [gys[0] * Slope(Inputs[0], Output())];

    /// <summary>
    /// <c>gy * Slope(x, y)</c> as plain tensors in one pass, with the same values, or null to use the formula
    /// (no fused kernel, or operands it does not take).
    /// </summary>
    internal virtual Tensor? FusedGradient(Tensor gy, Tensor x, Tensor y) => null;

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        using (Config.NoGrad())
            return [txs[0] * Slope(new Variable(xs[0]), new Variable(ys[0])).Data];
    }
}
