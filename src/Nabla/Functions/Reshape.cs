using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>The same values in another shape; the gradient is reshaped back.</summary>
public sealed class Reshape(int[] shape) : ShapeFunction(shape)
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Reshape(TargetShape)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [F.Reshape(gys[0], Inputs[0].Shape)];

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys) => [F.Reshape(gys[0], BatchRules.Shape(gys[0], Inputs[0].Shape))];
}
