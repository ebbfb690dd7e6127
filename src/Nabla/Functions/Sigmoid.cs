using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>The logistic function, computed as tanh(x/2)/2 + 1/2 so it never overflows; dσ = σ(1-σ).</summary>
public sealed class Sigmoid : UnaryElementwise
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [(xs[0] * 0.5).Tanh() * 0.5 + 0.5];

    protected override Variable Slope(Variable x, Variable y) => y * (1.0 - y);
}
