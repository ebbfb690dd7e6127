using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise sine.</summary>
public sealed class Sin : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Sin()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => F.Cos(x);
}
