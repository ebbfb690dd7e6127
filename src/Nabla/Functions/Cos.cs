using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise cosine.</summary>
public sealed class Cos : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Cos()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => -F.Sin(x);
}
