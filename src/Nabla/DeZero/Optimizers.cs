using Nabla.NN.Optimizers;

namespace Nabla.DeZero;

/// <summary>
/// DeZero's <c>dezero.optimizers</c> where its formula differs from Nabla's: <c>Optimizers.Adam().Setup(model)</c>
/// ports <c>optimizers.Adam().setup(model)</c>. SGD, MomentumSGD, AdaGrad and AdaDelta are Nabla's own classes.
/// </summary>
public static class Optimizers
{
    /// <summary>
    /// DeZero's <c>Adam(alpha=0.001, beta1=0.9, beta2=0.999, eps=1e-8)</c>: Nabla's <see cref="NN.Optimizers.Adam"/> with
    /// <see cref="NN.Optimizers.Adam.DeZeroFormula"/>, i.e. lr_t = alpha·√(1−β2ᵗ)/(1−β1ᵗ) and p ← p − lr_t·m/(√v + eps).
    /// </summary>
    public static Adam Adam(double alpha = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) =>
        new(alpha, beta1, beta2, eps) { DeZeroFormula = true };
}
