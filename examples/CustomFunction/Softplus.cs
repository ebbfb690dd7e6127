using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Examples.CustomFunction;

/// <summary>softplus(x) = log(1 + eˣ), computed as max(x, 0) + log(1 + e^−|x|) so that it never overflows.</summary>
public sealed class Softplus : Function
{
    protected override Tensor[] Forward(Tensor[] xs)
    {
        var x = xs[0];
        return [Tensor.Maximum(x, Tensor.Scalar(0, x.DType)) + ((-x.Abs()).Exp() + 1.0).Log()];
    }

    // d softplus / dx = σ(x), with F.Sigmoid so that the gradient has a gradient too.
    protected override Variable?[] Backward(Variable[] gys) => [gys[0] * F.Sigmoid(Inputs[0])];

    // Forward mode: the tangent of the output is σ(x)·tx, on plain tensors.
    protected override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var sigmoid = (xs[0] * 0.5).Tanh() * 0.5 + 0.5;       // σ(x) = (1 + tanh(x/2)) / 2
        return [txs[0] * sigmoid];
    }
}
