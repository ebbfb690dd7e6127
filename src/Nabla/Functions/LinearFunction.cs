using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>x @ W + b in one function (b optional), so an MLP layer records one node instead of three.</summary>
public sealed class LinearFunction : Function
{
    /// <summary>"Linear": messages and graph drawings name the op without the suffix that tells it from the layer NN.Linear.</summary>
    public override string Name => "Linear";

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        if (xs[0].NDim != 2 || xs[1].NDim != 2 || xs[0].Dim(1) != xs[1].Dim(0))
            throw new ArgumentException($"Linear: x of shape ({string.Join(",", xs[0].Shape)}) and W of shape ({string.Join(",", xs[1].Shape)}) do not fit (need (N,in) and (in,out))");
        var y = Tensor.MatMul(xs[0], xs[1]);
        if (xs.Length < 3) return [y];
        if (BiasFitsInPlace(y, xs[2]))
        {
            // The product is fresh and ours: adding b into it spares a temporary the size of the output.
            y.AddInPlaceUnchecked(xs[2]);
            return [y];
        }
        var sum = y + xs[2];
        y.Release();
        return [sum];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x, w, gy) = (Inputs[0], Inputs[1], gys[0]);
        var gx = InputNeedsGrad(0) ? F.MatMul(gy, w.T) : null;
        var gw = InputNeedsGrad(1) ? F.MatMul(x.T, gy) : null;
        if (Inputs.Length < 3) return [gx, gw];
        return [gx, gw, InputNeedsGrad(2) ? F.SumTo(gy, Inputs[2].Shape) : null];
    }

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <summary>gy (B, N, out): gx = gy @ Wᵀ and gW = xᵀ @ gy as one product each, the batch folded into rows.</summary>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        var (x, w, gy) = (Inputs[0], Inputs[1], gys[0]);
        var gx = BatchInputNeedsGrad(0) ? BatchRules.TimesTransposed(gy, w) : null;
        var gw = BatchInputNeedsGrad(1) ? BatchRules.TransposedTimes(x, gy) : null;
        if (Inputs.Length < 3) return [gx, gw];
        return [gx, gw, BatchInputNeedsGrad(2) ? BatchRules.Reduce(gy, Inputs[2]) : null];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var ty = Terms(IsZero(txs[0]) ? null : Tensor.MatMul(txs[0], xs[1]), IsZero(txs[1]) ? null : Tensor.MatMul(xs[0], txs[1]));
        if (xs.Length < 3 || IsZero(txs[2])) return [ty];
        // b's tangent alone still broadcasts over the batch.
        return [(ty ?? ZeroTangent.Like(ys[0])) + txs[2]];
    }

    /// <summary>True when y + b has y's shape and dtype (b only broadcasts), so the sum can be made in y.</summary>
    private static bool BiasFitsInPlace(Tensor y, Tensor b) =>
        b.DType == y.DType && b.Device == y.Device && b.NDim <= y.NDim && ShapeUtil.SameShape(ShapeUtil.Broadcast(y.ShapeSpan, b.ShapeSpan, "Linear"), y.ShapeSpan);
}
