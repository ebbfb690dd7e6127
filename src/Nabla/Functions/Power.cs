using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Elementwise x^y with a variable exponent and broadcasting; ∂/∂x = y·x^(y−1), ∂/∂y = x^y·ln x. Where x = 0 and
/// y ≥ 0 the exponent's derivative is taken as 0 (the limit, as PyTorch does); for x &lt; 0 it is NaN.
/// </summary>
public sealed class Power : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        if (!xs[0].DType.IsFloat() || !xs[1].DType.IsFloat())
            throw new ArgumentException($"Power: base and exponent must be float, got {xs[0].DType.Name()} and {xs[1].DType.Name()}");
        return [Tensor.Pow(xs[0], xs[1])];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x, y) = (Inputs[0], Inputs[1]);
        var (dx, dy) = Partials(x, y, Output());
        return [Broadcast.Reduce(gys[0] * dx, x), Broadcast.Reduce(gys[0] * dy, y)];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var (x, y) = (Inputs[0], Inputs[1]);
        var (dx, dy) = Partials(x, y, Output());
        return [BatchInputNeedsGrad(0) ? BatchRules.Reduce(gys[0] * dx, x) : null, BatchInputNeedsGrad(1) ? BatchRules.Reduce(gys[0] * dy, y) : null];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        using (Config.NoGrad())
        {
            var (dx, dy) = Partials(new Variable(xs[0]), new Variable(xs[1]), new Variable(ys[0]));
            return [txs[0] * dx.Data + txs[1] * dy.Data];
        }
    }

    /// <summary>The two partial derivatives, written once for both modes and differentiable again.</summary>
    private static (Variable Dx, Variable Dy) Partials(Variable x, Variable y, Variable z)
    {
        var dx = y * F.Pow(x, y - 1.0);
        // ln x is -inf at x = 0 and z is 0 there (y > 0): shifting those x to 1 makes z·ln x exactly 0 without a NaN.
        var zeroBase = Tensor.LogicalAnd(x.Data.Eq(0.0), y.Data.Ge(0.0)).AsType(x.DType);
        var dy = z * F.Log(x + new Variable(zeroBase));
        return (dx, dy);
    }
}
