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

    protected internal override Variable?[] Backward(Variable[] gys) => [gys[0] * Slope(Inputs[0], Output())];

    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        using (Config.NoGrad())
            return [txs[0] * Slope(new Variable(xs[0]), new Variable(ys[0])).Data];
    }
}
