using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>NumPy indexing (integers, slices, one index array or several paired ones); the gradient scatter-adds back (<see cref="GetItemGrad"/>), repeated indices accumulating.</summary>
public sealed class GetItem(TensorIndex[] index) : Function
{
    /// <summary>The index expression, one entry per indexed axis.</summary>
    public TensorIndex[] Index { get; } = ShapeUtil.CopyOf(index);

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0][Index].Copy()];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new GetItemGrad(Index, Inputs[0].Shape).Call(gys[0])];

    /// <summary>
    /// True for integer and slice indices (with new axes and an ellipsis): a whole slice before them selects the same
    /// entries of each batch entry. An index array may move the axes it makes to the front, so those run entry by entry.
    /// </summary>
    protected internal override bool HasBatchRule => Index.All(i => i.Kind != IndexKind.Array);

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        if (!HasBatchRule) return base.BackwardBatched(gys);
        var x = Inputs[0];
        return [new GetItemGrad([Slice.All, .. Index], BatchRules.Shape(gys[0], x.Shape)).Call(gys[0])];
    }

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
