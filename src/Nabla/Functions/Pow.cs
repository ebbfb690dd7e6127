using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>x to a constant power c; d x^c = c·x^(c-1).</summary>
public sealed class Pow(double exponent) : UnaryElementwise
{
    /// <summary>The constant exponent c.</summary>
    public double Exponent { get; } = exponent;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Pow(Exponent)];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => Exponent * F.Pow(x, Exponent - 1);
}
