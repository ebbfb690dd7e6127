using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>The logistic function, computed as tanh(x/2)/2 + 1/2 so it never overflows; dσ = σ(1-σ).</summary>
public sealed class Sigmoid : UnaryElementwise
{
    // tanh(x/2)/2 + 1/2 is exp-free, so large |x| cannot overflow; floats take one pass with the same arithmetic.
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) =>
        [xs[0].Sigmoid()];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => y * (1.0 - y);

    internal override Tensor? FusedGradient(Tensor gy, Tensor x, Tensor y) =>
        Tensor.ActivationGrad(FusedActivation.Sigmoid, gy, y);
}
