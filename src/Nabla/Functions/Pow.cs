using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>x to a constant power c; d x^c = c·x^(c-1).</summary>
public sealed class Pow(double exponent) : Function
{
    public double Exponent { get; } = exponent;

    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Pow(Exponent)];

    protected internal override Variable?[] Backward(Variable[] gys) =>
        [gys[0] * (Exponent * F.Pow(Inputs[0], Exponent - 1))];
}
