using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise tangent; d tan = 1 + tan².</summary>
public sealed class Tan : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Tan()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => 1.0 + y * y;
}
