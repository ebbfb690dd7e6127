using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Mean over all elements of -(t·log p + (1-t)·log(1-p)) for probabilities p in [0, 1] and targets t in [0, 1]
/// of the same shape (PyTorch's BCELoss). p is clamped to [ε, 1-ε] before the logs, ε = 1e-7 for float32 (two
/// ulps below 1, so 1-ε is still less than 1) and 1e-12 for float64, so the loss stays finite at p = 0 or 1:
/// at most about 16 (float32) or 28 (float64) per element, where PyTorch instead clamps each log at -100. The gradient is
/// (p - t)/(p(1-p))/n at the clamped p: outside the clamp it is the gradient at the nearest edge rather than
/// zero (as PyTorch's), so a confidently wrong prediction still learns. Targets get no gradient.
/// </summary>
public sealed class BinaryCrossEntropy : Function
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
        return [-(loss.Sum() / BinaryTargets.Count(p))];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var p = Inputs[0];
        double eps = Epsilon(p.DType);
        // F.Clip passes no gradient outside the clamp, so the second derivative there is zero, consistently.
        var pc = F.Clip(p, eps, 1 - eps);
        var t = Inputs[1].Data.AsType(p.DType);
        var gy = F.BroadcastTo(gys[0], p.Shape);
        return [(pc - t) / (pc * (1.0 - pc)) * gy / BinaryTargets.Count(p.Data), null];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var p = xs[0];
        double eps = Epsilon(p.DType);
        var pc = p.Clip(eps, 1 - eps);
        var slope = (pc - xs[1].AsType(p.DType)) / (pc * (1.0 - pc));
        return [(slope * txs[0]).Sum() / BinaryTargets.Count(p)];
    }
}
