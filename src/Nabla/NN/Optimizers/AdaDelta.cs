using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>
/// AdaDelta, as DeZero: msg ← ρ·msg + (1−ρ)·g²; dx = √((msdx + eps)/(msg + eps))·g;
/// msdx ← ρ·msdx + (1−ρ)·dx²; p ← p − dx.
/// </summary>
public sealed class AdaDelta(double rho = 0.95, double eps = 1e-6) : Optimizer
{
    /// <summary>The decay ρ of the running averages (0.95 by default).</summary>
    public double Rho { get; } = rho;
    /// <summary>Added inside the square roots, for stability (1e-6 by default).</summary>
    public double Eps { get; } = eps;

    /// <inheritdoc/>
    protected override void UpdateOne(Parameter parameter, Tensor gradient)
    {
        var s = State(parameter, 2);
        Tensor.AdaDeltaStep(parameter.Data, gradient, s[0], s[1], Rho, Eps);
    }
}
