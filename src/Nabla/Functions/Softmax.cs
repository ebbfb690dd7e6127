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
        return [Vjp(Output(), gys[0], Axis)];
    }

    /// <summary>
    /// y·gy − y·Σ(y·gy) over <paramref name="axis"/>: the one statement of softmax's VJP, for a plain cotangent and for
    /// a batch of them (a leading batch axis, <paramref name="axis"/> then counted in their shape).
    /// </summary>
    private static Variable Vjp(Variable y, Variable gy, int axis)
    {
        var gx = y * gy;
        return gx - y * F.Sum(gx, axis, keepDims: true);
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var y = Output();
        return [Vjp(y, gys[0], BatchRules.Axis(Axis, y.NDim))];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var ytx = ys[0] * txs[0];
        return [ytx - ys[0] * ytx.Sum(Axis, keepDims: true)];
    }
}
