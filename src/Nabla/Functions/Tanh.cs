using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Hyperbolic tangent; d tanh = 1 - tanh².</summary>
public sealed class Tanh : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Tanh()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => 1.0 - y * y;

    internal override Tensor? FusedGradient(Tensor gy, Tensor x, Tensor y) =>
        Tensor.ActivationGrad(FusedActivation.Tanh, gy, y);
}
