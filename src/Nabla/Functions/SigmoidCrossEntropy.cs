using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// -(t·log σ(x) + (1-t)·log(1-σ(x))) for scores x and targets t of the same shape (0/1 labels of any dtype, or
/// soft targets in [0, 1]), computed stably as max(x,0) - x·t + log(1+exp(-|x|)), which never takes the log of an
/// underflowed sigmoid, and reduced by <see cref="Reduction"/> (default: the mean over all elements, PyTorch's;
/// DeZero's is <see cref="Reduction.BatchMean"/>). The gradient is σ(x) - t for x and -x for a float target
/// that asks for one (DeZero and PyTorch give targets a gradient too), each times the reduction's scale.
/// </summary>
public sealed class SigmoidCrossEntropy(Reduction reduction = Reduction.Mean) : BinaryTargetLoss(reduction)
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var x = xs[0];
        BinaryTargets.Check(Name, x, xs[1], "scores");
        var t = xs[1].AsType(x.DType);
        var softplus = Tensor.Maximum(x, Tensor.Scalar(0, x.DType)) - x * t + ((-x.Abs()).Exp() + 1.0).Log();
        return [LossReduction.Reduce(softplus, Reduction)];
    }

    /// <summary>
    /// ∂e/∂x = σ(x) − t and ∂e/∂t = −x of each element's loss e (the latter only when asked): the one statement of
    /// the derivative, on Variables for the backward rule and evaluated without a graph for the JVP.
    /// </summary>
    private protected override (Variable Dx, Variable? Dt) Slopes(Variable x, Variable t, bool targetSlope) =>
        (F.Sigmoid(x) - t, targetSlope ? -x : null);
}
