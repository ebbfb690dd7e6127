using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// -(t·log p + (1-t)·log(1-p)) for probabilities p in [0, 1] and targets t in [0, 1] of the same shape, reduced by
/// <see cref="Reduction"/> (default: the mean over all elements, PyTorch's BCELoss; DeZero's is
/// <see cref="Reduction.BatchMean"/>). p is clamped to [ε, 1-ε] before the logs, ε = 1e-7 for float32 (two
/// ulps below 1, so 1-ε is still less than 1) and 1e-12 for float64, so the loss stays finite at p = 0 or 1:
/// at most about 16 (float32) or 28 (float64) per element, where PyTorch instead clamps each log at -100. The gradient is
/// (p - t)/(p(1-p)) at the clamped p: outside the clamp it is the gradient at the nearest edge rather than
/// zero (as PyTorch's), so a confidently wrong prediction still learns. A float target that asks for a gradient
/// gets log(1-p) - log p (at the clamped p), as in DeZero and PyTorch.
/// </summary>
public sealed class BinaryCrossEntropy(Reduction reduction = Reduction.Mean) : BinaryTargetLoss(reduction)
{
    /// <summary>The clamp margin for probabilities of the given dtype.</summary>
    public static double Epsilon(DType dtype) => dtype == DType.Float32 ? 1e-7 : 1e-12;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var p = xs[0];
        BinaryTargets.Check(Name, p, xs[1], "probabilities");
        BinaryTargets.CheckRange(Name, p, "probability");
        double eps = Epsilon(p.DType);
        var pc = p.Clip(eps, 1 - eps);
        var t = xs[1].AsType(p.DType);
        var loss = t * pc.Log() + (1.0 - t) * (1.0 - pc).Log();
        return [LossReduction.Reduce(-loss, Reduction)];
    }

    /// <summary>
    /// ∂e/∂p and ∂e/∂t of each element's loss e (the latter only when asked): the one statement of the derivative,
    /// on Variables so the backward rule is differentiable again, and evaluated without a graph for the JVP.
    /// </summary>
    private protected override (Variable Dx, Variable? Dt) Slopes(Variable p, Variable t, bool targetSlope)
    {
        double eps = Epsilon(p.DType);
        // F.Clip passes no gradient outside the clamp, so the second derivative there is zero, consistently.
        var pc = F.Clip(p, eps, 1 - eps);
        return ((pc - t) / (pc * (1.0 - pc)), targetSlope ? F.Log(1.0 - pc) - F.Log(pc) : null);
    }
}
