using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise |x|; its gradient is sign(x) (0 at 0, as in PyTorch).</summary>
public sealed class Abs : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Abs()];

    protected internal override Variable?[] Backward(Variable[] gys) => [gys[0] * Inputs[0].Data.Sign()];
}
