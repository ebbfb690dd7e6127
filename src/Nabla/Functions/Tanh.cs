using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Hyperbolic tangent; d tanh = 1 - tanh².</summary>
public sealed class Tanh() : RuleElementwise(ElementwiseRules.Tanh)
{
    internal override Tensor? FusedGradient(Tensor gy, Tensor x, Tensor y) =>
        Tensor.ActivationGrad(FusedActivation.Tanh, gy, y);
}
