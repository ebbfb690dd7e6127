using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Mean over all elements of -(t·log σ(x) + (1-t)·log(1-σ(x))) for scores x and targets t of the same shape
/// (0/1 labels of any dtype, or soft targets in [0, 1]), computed stably as max(x,0) - x·t + log(1+exp(-|x|)),
/// which never takes the log of an underflowed sigmoid. The gradient is (σ(x) - t)/n; targets get none.
/// </summary>
public sealed class SigmoidCrossEntropy : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var x = xs[0];
        BinaryTargets.Check(Name, x, xs[1], "scores");
        var t = xs[1].AsType(x.DType);
        var softplus = Tensor.Maximum(x, Tensor.Scalar(0, x.DType)) - x * t + ((-x.Abs()).Exp() + 1.0).Log();
        return [softplus.Sum() / BinaryTargets.Count(x)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        var t = Inputs[1].Data.AsType(x.DType);
        var gy = F.BroadcastTo(gys[0], x.Shape);
        return [(F.Sigmoid(x) - t) * gy / BinaryTargets.Count(x.Data), null];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var x = xs[0];
        var sigmoid = (x * 0.5).Tanh() * 0.5 + 0.5;
        return [((sigmoid - xs[1].AsType(x.DType)) * txs[0]).Sum() / BinaryTargets.Count(x)];
    }
}
