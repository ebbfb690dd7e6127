using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>x - logsumexp(x) along an axis, computed stably; gx = gy - softmax(x)·sum(gy).</summary>
public sealed class LogSoftmax(int axis = 1) : Function
{
    /// <summary>The axis normalised over (negative counts from the end).</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] - LogSumExp.Compute(xs[0], Axis, keepDims: true)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        return [Vjp(Output(), gys[0], Axis)];
    }

    /// <summary>
    /// gy − exp(y)·Σgy over <paramref name="axis"/>: the one statement of log-softmax's VJP, for a plain cotangent and
    /// for a batch of them (a leading batch axis, <paramref name="axis"/> then counted in their shape).
    /// </summary>
    private static Variable Vjp(Variable y, Variable gy, int axis) => gy - F.Exp(y) * F.Sum(gy, axis, keepDims: true);

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var y = Output();
        return [Vjp(y, gys[0], BatchRules.Axis(Axis, y.NDim))];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [txs[0] - (ys[0].Exp() * txs[0]).Sum(Axis, keepDims: true)];
}
