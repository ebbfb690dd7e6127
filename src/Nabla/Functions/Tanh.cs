using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Hyperbolic tangent; d tanh = 1 - tanh².</summary>
public sealed class Tanh : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Tanh()];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var y = Output();
        return [gys[0] * (1.0 - y * y)];
    }
}
