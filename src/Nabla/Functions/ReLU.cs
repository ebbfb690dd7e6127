using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>max(x, 0); the gradient passes where x &gt; 0.</summary>
public sealed class ReLU : Function
{
    protected internal override Tensor[] Forward(Tensor[] xs) => [Tensor.Maximum(xs[0], Tensor.Scalar(0.0, xs[0].DType))];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0].Data;
        return [gys[0] * x.Gt(0.0).AsType(x.DType)];
    }
}
