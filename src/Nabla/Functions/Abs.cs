using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Elementwise |x|; its gradient is sign(x) (0 at 0, as in PyTorch).</summary>
public sealed class Abs : UnaryElementwise
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Abs()];

    protected override Variable Slope(Variable x, Variable y) => new Variable(x.Data.Sign());
}
