using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>The logistic function, computed as tanh(x/2)/2 + 1/2 so it never overflows; dσ = σ(1-σ).</summary>
public sealed class Sigmoid() : RuleElementwise(ElementwiseRules.Sigmoid)
{
    internal override Tensor? FusedGradient(Tensor gy, Tensor x, Tensor y) =>
        Tensor.ActivationGrad(FusedActivation.Sigmoid, gy, y);
}
