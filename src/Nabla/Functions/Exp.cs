using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise e^x; its derivative is its own output.</summary>
public sealed class Exp : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Exp()];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        return [gys[0] * Output()];
    }
}
