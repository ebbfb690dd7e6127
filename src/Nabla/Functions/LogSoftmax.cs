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
        var y = Output();
        var sum = F.BroadcastTo(F.Sum(gys[0], Axis, keepDims: true), y.Shape);
        return [gys[0] - F.Exp(y) * sum];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var y = Output();
        return [gys[0] - F.Exp(y) * F.Sum(gys[0], BatchRules.Axis(Axis, y.NDim), keepDims: true)];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [txs[0] - (ys[0].Exp() * txs[0]).Sum(Axis, keepDims: true)];
}
