using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>NumPy indexing (integers, slices, one index array); the gradient scatter-adds back (<see cref="GetItemGrad"/>).</summary>
public sealed class GetItem(TensorIndex[] index) : Function
{
    /// <summary>The index expression, one entry per indexed axis.</summary>
    public TensorIndex[] Index { get; } = ShapeUtil.CopyOf(index);

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0][Index].Copy()];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new GetItemGrad(Index, Inputs[0].Shape).Call(gys[0])];

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
