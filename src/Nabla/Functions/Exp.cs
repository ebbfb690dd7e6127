using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise e^x; its derivative is its own output.</summary>
public sealed class Exp : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Exp()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => y;
}
