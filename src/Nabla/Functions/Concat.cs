using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Inputs joined along an axis; each gets back its own slice of the gradient.</summary>
public sealed class Concat(int axis = 0) : Function
{
    /// <summary>The axis the inputs are joined along (negative counts from the end).</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [Tensor.Concat(xs, Axis)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => Pieces(gys[0], batched: false);

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <inheritdoc/>
    protected internal override Variable?[] BackwardBatched(Variable[] gys) => Pieces(gys[0], batched: true);

    /// <summary>Each input's slice of the gradient along the axis (one further on when a batch axis leads), if it needs one.</summary>
    private Variable?[] Pieces(Variable g, bool batched)
    {
        int lead = batched ? 1 : 0;
        int ndim = g.NDim - lead;
        int axis = (Axis < 0 ? Axis + ndim : Axis) + lead;
        var grads = new Variable?[Inputs.Length];
        int start = 0;
        for (int i = 0; i < Inputs.Length; i++)
        {
            int length = Inputs[i].Shape[axis - lead];
            var index = new TensorIndex[axis + 1];
            for (int d = 0; d < axis; d++) index[d] = Slice.All;
            index[axis] = new Slice(start, start + length);
            if (!batched || BatchInputNeedsGrad(i)) grads[i] = F.GetItem(g, index);
            start += length;
        }
        return grads;
    }

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
