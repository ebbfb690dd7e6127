using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise cosine.</summary>
public sealed class Cos : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Cos()];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        return [gys[0] * -F.Sin(Inputs[0])];
    }
}
