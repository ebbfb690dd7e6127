using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise square root; d sqrt(x) = 1 / (2 sqrt(x)).</summary>
public sealed class Sqrt : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Sqrt()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => 0.5 / y;
}
