using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Natural logarithm.</summary>
public sealed class Log : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Log()];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        return [gys[0] / Inputs[0]];
    }
}
