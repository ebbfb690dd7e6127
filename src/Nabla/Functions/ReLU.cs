using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>max(x, 0); the gradient passes where x &gt; 0.</summary>
public sealed class ReLU : UnaryElementwise
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [Tensor.Maximum(xs[0], Tensor.Scalar(0.0, xs[0].DType))];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => new Variable(x.Data.Gt(0.0).AsType(x.DType));

    internal override Tensor? FusedGradient(Tensor gy, Tensor x, Tensor y) =>
        Tensor.ActivationGrad(FusedActivation.ReLU, gy, x);
}
