using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// A preprocessing step applied to each example a <see cref="Dataset"/> returns (DeZero's transforms).
/// <see cref="Apply"/> works on one example; <see cref="ApplyBatch"/> on a whole mini-batch at once, which data
/// loaders use so that a batch is transformed with a few tensor operations instead of one per example.
/// </summary>
public abstract class Transform
{
    /// <summary>The transformed example.</summary>
    public abstract Tensor Apply(Tensor x);

    /// <summary>
    /// The transform of every example of <paramref name="batch"/> (axis 0 indexes examples). The default applies
    /// <see cref="Apply"/> to each and stacks the results; subclasses override it with one batched operation that
    /// gives the same values.
    /// </summary>
    public virtual Tensor ApplyBatch(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.NDim == 0 || batch.Dim(0) == 0)
            throw new ArgumentException($"{GetType().Name}.ApplyBatch: a batch needs at least one example along axis 0, got shape {batch.ShapeString}");
        var results = new Tensor[batch.Dim(0)];
        for (int i = 0; i < results.Length; i++) results[i] = Apply(batch[i]);
        return Tensor.Stack(results);
    }

    /// <summary>A transform that calls <paramref name="function"/> on each example.</summary>
    public static Transform FromFunc(Func<Tensor, Tensor> function) => new FuncTransform(function);

    /// <summary>Any <c>Func&lt;Tensor, Tensor&gt;</c> can serve as a transform.</summary>
    public static implicit operator Transform(Func<Tensor, Tensor> function) => FromFunc(function);

    private sealed class FuncTransform(Func<Tensor, Tensor> function) : Transform
    {
        private readonly Func<Tensor, Tensor> function = function ?? throw new ArgumentNullException(nameof(function));

        public override Tensor Apply(Tensor x) => function(x);
    }
}
