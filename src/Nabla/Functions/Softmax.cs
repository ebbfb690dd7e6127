using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>exp(x - max) / sum(exp(x - max)) along an axis; gx = y·gy - y·sum(y·gy).</summary>
public sealed class Softmax(int axis = 1) : Function
{
    /// <summary>The axis normalised over (negative counts from the end).</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [Compute(xs[0], Axis)];

    internal static Tensor Compute(Tensor x, int axis)
    {
        var e = (x - x.Max(axis, keepDims: true)).Exp();
        return e / e.Sum(axis, keepDims: true);
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var y = Output();
        var gx = y * gys[0];
        return [gx - y * F.BroadcastTo(F.Sum(gx, Axis, keepDims: true), y.Shape)];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var y = Output();
        var gx = y * gys[0];
        return [gx - y * F.Sum(gx, BatchRules.Axis(Axis, y.NDim), keepDims: true)];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var ytx = ys[0] * txs[0];
        return [ytx - ys[0] * ytx.Sum(Axis, keepDims: true)];
    }
}
