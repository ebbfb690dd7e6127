using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>Mirrors each image left to right (reverses the last axis); <see cref="RandomHorizontalFlip"/> does it by chance.</summary>
public sealed class HorizontalFlip : Transform
{
    /// <inheritdoc/>
    public override Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.NDim == 0) throw new ArgumentException("HorizontalFlip.Apply: an image needs at least one axis, got a 0-d tensor");
        return x[TensorIndex.Ellipsis, new Slice(null, null, -1)].Copy();
    }

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.NDim < 2) throw new ArgumentException($"HorizontalFlip.ApplyBatch: a batch needs an example axis and a width axis, got shape {batch.ShapeString}");
        return batch[TensorIndex.Ellipsis, new Slice(null, null, -1)].Copy();
    }
}
