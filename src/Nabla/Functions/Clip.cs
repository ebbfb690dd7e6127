using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Values limited to [min, max]; the gradient passes where x lies inside.</summary>
public sealed class Clip(double min, double max) : Function
{
    public double Min { get; } = min;
    public double Max { get; } = max;

    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Clip(Min, Max)];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0].Data;
        var mask = Tensor.LogicalAnd(x.Ge(Min), x.Le(Max)).AsType(x.DType);
        return [gys[0] * mask];
    }
}
