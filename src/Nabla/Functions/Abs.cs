using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise |x|; its gradient is sign(x) (0 at 0, as in PyTorch).</summary>
public sealed class Abs : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Abs()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => new Variable(x.Data.Sign());
}
