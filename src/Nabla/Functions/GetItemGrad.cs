using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>The backward of <see cref="GetItem"/>: zeros of the input's shape with the gradient added at the index (repeats accumulate). Its own gradient is indexing again.</summary>
public sealed class GetItemGrad(TensorIndex[] index, int[] inputShape) : Function
{
    /// <summary>The index expression of the <see cref="GetItem"/> this is the backward of.</summary>
    public TensorIndex[] Index { get; } = ShapeUtil.CopyOf(index);
    /// <summary>The shape of the indexed input: the shape of the result.</summary>
    public int[] InputShape { get; } = ShapeUtil.CopyOf(inputShape);

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var gx = Tensor.Zeros(xs[0].DType, InputShape).To(xs[0].Device);
        gx.AddAt(xs[0], Index);
        return [gx];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new GetItem(Index).Call(gys[0])];

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
