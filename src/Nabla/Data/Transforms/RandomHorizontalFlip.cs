using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>Reverses the last axis (image width) of each example with probability <see cref="P"/>.</summary>
public sealed class RandomHorizontalFlip : Transform
{
    private readonly Generator generator;

    /// <summary>Flips with probability <paramref name="p"/>, drawing from <paramref name="generator"/> (seed 0 when null).</summary>
    public RandomHorizontalFlip(double p = 0.5, Generator? generator = null)
    {
        if (!(p >= 0 && p <= 1)) throw new ArgumentOutOfRangeException(nameof(p), $"RandomHorizontalFlip: p must lie in [0, 1], got {p}");
        P = p;
        this.generator = generator ?? new Generator(0);
    }

    /// <summary>The probability of a flip.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public override Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.NDim == 0) throw new ArgumentException("RandomHorizontalFlip.Apply: an example needs at least one axis, got a 0-d tensor");
        return Draw() ? Flipped(x).Copy() : x;
    }

    /// <summary>One draw per example, in order, so a batch is flipped exactly as its examples one by one would be.</summary>
    public override Tensor ApplyBatch(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.NDim < 2) throw new ArgumentException($"RandomHorizontalFlip.ApplyBatch: a batch needs an example axis and a width axis, got shape {batch.ShapeString}");
        var flags = new bool[batch.Dim(0)];
        for (int i = 0; i < flags.Length; i++) flags[i] = Draw();
        var maskShape = Enumerable.Repeat(1, batch.NDim).ToArray();
        maskShape[0] = flags.Length;
        return Tensor.Where(Tensor.FromSpan<bool>(flags, maskShape), Flipped(batch), batch);
    }

    private bool Draw() => generator.NextDouble() < P;

    private static Tensor Flipped(Tensor x) => x[TensorIndex.Ellipsis, new Slice(null, null, -1)];
}
