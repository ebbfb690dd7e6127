using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>
/// AdaDelta, as DeZero: msg ← ρ·msg + (1−ρ)·g²; dx = √((msdx + eps)/(msg + eps))·g;
/// msdx ← ρ·msdx + (1−ρ)·dx²; p ← p − dx.
/// </summary>
public sealed class AdaDelta(double rho = 0.95, double eps = 1e-6) : Optimizer
{
    public double Rho { get; } = rho;
    public double Eps { get; } = eps;

    protected override void UpdateOne(Parameter parameter, Tensor gradient)
    {
        var s = State(parameter, 2);
        Tensor.AdaDeltaStep(parameter.Data, gradient, s[0], s[1], Rho, Eps);
    }
}
