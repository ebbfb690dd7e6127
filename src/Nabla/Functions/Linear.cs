using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>x @ W + b in one function (b optional), so an MLP layer records one node instead of three.</summary>
public sealed class Linear : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        if (xs[0].NDim != 2 || xs[1].NDim != 2 || xs[0].Dim(1) != xs[1].Dim(0))
            throw new ArgumentException($"Linear: x of shape ({string.Join(",", xs[0].Shape)}) and W of shape ({string.Join(",", xs[1].Shape)}) do not fit (need (N,in) and (in,out))");
        var y = Tensor.MatMul(xs[0], xs[1]);
        return [xs.Length > 2 ? y + xs[2] : y];
    }

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var (x, w, gy) = (Inputs[0], Inputs[1], gys[0]);
        var gx = F.MatMul(gy, w.T);
        var gw = F.MatMul(x.T, gy);
        return Inputs.Length > 2 ? [gx, gw, F.SumTo(gy, Inputs[2].Shape)] : [gx, gw];
    }

    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var ty = Tensor.MatMul(txs[0], xs[1]) + Tensor.MatMul(xs[0], txs[1]);
        return [xs.Length > 2 ? ty + txs[2] : ty];
    }
}
