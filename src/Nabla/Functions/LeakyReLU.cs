using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>x where x &gt; 0, else slope·x.</summary>
public sealed class LeakyReLU(double slope = 0.2) : Function
{
    public double Slope { get; } = slope;

    protected internal override Tensor[] Forward(Tensor[] xs) => [Tensor.Where(xs[0].Gt(0.0), xs[0], xs[0] * Slope)];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0].Data;
        var factor = Tensor.Where(x.Gt(0.0), Tensor.Scalar(1.0, x.DType), Tensor.Scalar(Slope, x.DType));
        return [gys[0] * factor];
    }
}
