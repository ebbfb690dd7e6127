using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Functions;

/// <summary>The logistic function, computed as tanh(x/2)/2 + 1/2 so it never overflows; dσ = σ(1-σ).</summary>
public sealed class Sigmoid : UnaryElementwise
{
    // tanh(x/2)/2 + 1/2 is exp-free, so large |x| cannot overflow; floats take one pass with the same arithmetic.
    protected internal override Tensor[] Forward(Tensor[] xs) =>
        [xs[0].DType.IsFloat() && xs[0].IsContiguous ? Fused.Sigmoid(xs[0]) : (xs[0] * 0.5).Tanh() * 0.5 + 0.5];

    protected override Variable Slope(Variable x, Variable y) => y * (1.0 - y);

    internal override Tensor? FusedGradient(Tensor gy, Tensor x, Tensor y) =>
        Fused.Applies(gy, y) ? Fused.SigmoidGrad(gy, y) : null;
}
