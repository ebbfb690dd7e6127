using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// The central <see cref="Height"/> x <see cref="Width"/> window of the last two axes; when the margin is odd the
/// extra pixel is cut from the bottom/right, as in DeZero.
/// </summary>
public sealed class CenterCrop : Transform
{
    /// <summary>Crops to <paramref name="height"/> x <paramref name="width"/>.</summary>
    public CenterCrop(int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"CenterCrop: size must be positive, got ({height},{width})");
        Height = height;
        Width = width;
    }

    /// <summary>Crops to a <paramref name="size"/> x <paramref name="size"/> square.</summary>
    public CenterCrop(int size) : this(size, size)
    {
    }

    /// <summary>The output height.</summary>
    public int Height { get; }

    /// <summary>The output width.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public override Tensor Apply(Tensor x) => Crop(x, 2, "Apply");

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch) => Crop(batch, 3, "ApplyBatch");

    private Tensor Crop(Tensor x, int minDims, string op)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.NDim < minDims)
            throw new ArgumentException($"CenterCrop.{op}: needs at least {minDims} dimensions (..., H, W), got shape {x.ShapeString}");
        int h = x.Dim(-2), w = x.Dim(-1);
        if (Height > h || Width > w)
            throw new ArgumentException($"CenterCrop.{op}: crop ({Height},{Width}) is larger than the image ({h},{w})");
        int top = (h - Height) / 2, left = (w - Width) / 2;
        return x[TensorIndex.Ellipsis, top..(top + Height), left..(left + Width)].Copy();
    }
}
