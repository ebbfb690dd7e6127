using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Embedding lookup: rows of W (V, D) picked by integer ids of any shape, giving ids.shape + (D).
/// The gradient scatter-adds each row's gradient back into W (<see cref="GetItemGrad"/>), repeated ids accumulating.
/// </summary>
public sealed class EmbedIDFunction : Function
{
    /// <summary>"EmbedID": messages and graph drawings name the op without the suffix that tells it from the layer NN.EmbedID.</summary>
    public override string Name => "EmbedID";

    /// <summary>A lookup of <paramref name="ids"/> (copied, so later changes to the tensor do not affect the graph).</summary>
    public EmbedIDFunction(Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (!ids.DType.IsInteger())
            throw new ArgumentException($"EmbedID: ids must be integers, got dtype {ids.DType.Name()}", nameof(ids));
        Ids = ids.Copy();
    }

    /// <summary>The looked-up row numbers.</summary>
    public Tensor Ids { get; }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var w = xs[0];
        if (w.NDim != 2)
            throw new ArgumentException($"EmbedID: weight of shape {w.ShapeString} needs 2 dimensions (V,D)");
        // Checked here rather than left to Take: negative ids would silently count from the end there.
        foreach (long id in Ids.AsType(DType.Int64).ToArray<long>())
            if (id < 0 || id >= w.Dim(0))
                throw new ArgumentException($"EmbedID: id {id} is out of range for a vocabulary of V={w.Dim(0)} rows");
        return [w.Take(Ids)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new GetItemGrad([Ids], Inputs[0].Shape).Call(gys[0])];

    /// <summary>Linear in W, so the tangent is looked up the same way.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [txs[0].Take(Ids)];
}
