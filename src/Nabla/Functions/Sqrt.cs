using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise square root; d sqrt(x) = 1 / (2 sqrt(x)).</summary>
public sealed class Sqrt : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Sqrt()];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        return [gys[0] / (2.0 * Output())];
    }
}
