using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise tangent; d tan = 1 + tan².</summary>
public sealed class Tan : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Tan()];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var y = Output();
        return [gys[0] * (1.0 + y * y)];
    }
}
