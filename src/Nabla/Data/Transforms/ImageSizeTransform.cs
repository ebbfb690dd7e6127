using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// A transform that brings the last two axes (height, width) of an image, or of each image of a batch, to
/// <see cref="Height"/> x <see cref="Width"/>: <see cref="CenterCrop"/> and <see cref="Resize"/>.
/// </summary>
public abstract class ImageSizeTransform : Transform
{
    /// <summary>To <paramref name="height"/> x <paramref name="width"/>, both positive.</summary>
    protected ImageSizeTransform(int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"{GetType().Name}: size must be positive, got ({height},{width})");
        Height = height;
        Width = width;
    }

    /// <summary>The output height.</summary>
    public int Height { get; }

    /// <summary>The output width.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public sealed override Tensor Apply(Tensor x) => Run(x, 2, "Apply");

    /// <inheritdoc/>
    public sealed override Tensor ApplyBatch(Tensor batch) => Run(batch, 3, "ApplyBatch");

    /// <summary>The images (..., H, W) at the output size; <paramref name="op"/> names the call in messages.</summary>
    protected abstract Tensor Transform(Tensor images, string op);

    private Tensor Run(Tensor x, int minDims, string op)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.NDim < minDims)
            throw new ArgumentException($"{GetType().Name}.{op}: needs at least {minDims} axes (..., height, width), got shape {x.ShapeString}");
        return Transform(x, op);
    }
}
