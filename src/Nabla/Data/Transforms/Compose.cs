using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>Several transforms applied in order.</summary>
public sealed class Compose : Transform
{
    private readonly Transform[] transforms;

    /// <summary>Applies <paramref name="transforms"/> from first to last.</summary>
    public Compose(params Transform[] transforms)
    {
        ArgumentNullException.ThrowIfNull(transforms);
        for (int i = 0; i < transforms.Length; i++)
            if (transforms[i] is null) throw new ArgumentNullException(nameof(transforms), $"Compose: transform {i} is null");
        this.transforms = (Transform[])transforms.Clone();
    }

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<Transform> Transforms => transforms;

    /// <inheritdoc/>
    public override Tensor Apply(Tensor x)
    {
        foreach (var t in transforms) x = t.Apply(x);
        return x;
    }

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch)
    {
        foreach (var t in transforms) batch = t.ApplyBatch(batch);
        return batch;
    }
}
