using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise sine.</summary>
public sealed class Sin : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Sin()];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        return [gys[0] * F.Cos(Inputs[0])];
    }
}
