using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>Each example as a 1-d tensor (a batch becomes (N, features)).</summary>
public sealed class Flatten : Transform
{
    /// <inheritdoc/>
    public override Tensor Apply(Tensor x) => x.Flatten();

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.NDim == 0) throw new ArgumentException("Flatten.ApplyBatch: a batch needs an example axis, got a 0-d tensor");
        int n = batch.Dim(0);
        return batch.Reshape(n, n == 0 ? 0 : batch.Size / n);
    }
}
