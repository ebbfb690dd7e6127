using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Natural logarithm.</summary>
public sealed class Log : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Log()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => 1.0 / x;
}
