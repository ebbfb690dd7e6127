using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>log(sum(exp(x))) along an axis (all axes when null), shifted by the max so it never overflows; its gradient is softmax.</summary>
public sealed class LogSumExp(int? axis = null, bool keepDims = false) : Function
{
    /// <summary>The axis reduced over, or null for all axes.</summary>
    public int? Axis { get; } = axis;
    /// <summary>Whether the reduced axis is kept with length 1.</summary>
    public bool KeepDims { get; } = keepDims;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [Compute(xs[0], Axis, KeepDims)];

    internal static Tensor Compute(Tensor x, int? axis, bool keepDims)
    {
        var m = FiniteOrZero(x.Max(axis, keepDims: true));
        var s = (x - m).Exp().Sum(axis, keepDims: true).Log() + m;
        return keepDims ? s : s.Squeeze(axis is int a ? [a] : []);
    }

    /// <summary>
    /// The shift, with an infinite (or NaN) max replaced by 0 as PyTorch does: x - max would be inf - inf = NaN, while
    /// unshifted the sum is exactly 0 (all -inf: the result is -inf), inf (the result is inf) or NaN (a NaN input).
    /// </summary>
    private static Tensor FiniteOrZero(Tensor m) => Tensor.Where(m.Abs().Lt(double.PositiveInfinity), m, Tensor.ZerosLike(m));

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        var kept = Broadcast.KeptShape(x.Shape, Axis);
        return [Vjp(x, F.Reshape(Output(), kept), F.Reshape(gys[0], kept))];
    }

    /// <summary>
    /// gy · exp(x − y), with y and gy given back the reduced axis so that they broadcast: the one statement of the
    /// VJP, for a plain cotangent and for a batch of them (gy with a leading batch axis).
    /// </summary>
    private static Variable Vjp(Variable x, Variable yKept, Variable gyKept) => gyKept * F.Exp(x - yKept);

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <summary>gy · exp(x − y), with gy and y given back the reduced axis so that both broadcast.</summary>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var x = Inputs[0];
        var kept = Broadcast.KeptShape(x.Shape, Axis);
        return [Vjp(x, F.Reshape(Output(), kept), F.Reshape(gys[0], BatchRules.Shape(gys[0], kept)))];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var kept = Broadcast.KeptShape(xs[0].Shape, Axis);
        return [((xs[0] - ys[0].Reshape(kept)).Exp() * txs[0]).Sum(Axis, KeepDims)];
    }
}
