using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// The central <see cref="ImageSizeTransform.Height"/> x <see cref="ImageSizeTransform.Width"/> window of the last two
/// axes; when the margin is odd the extra pixel is cut from the bottom/right, as in DeZero.
/// </summary>
public sealed class CenterCrop : ImageSizeTransform
{
    /// <summary>Crops to <paramref name="height"/> x <paramref name="width"/>.</summary>
    public CenterCrop(int height, int width) : base(height, width)
    {
    }

    /// <summary>Crops to a <paramref name="size"/> x <paramref name="size"/> square.</summary>
    public CenterCrop(int size) : this(size, size)
    {
    }

    /// <inheritdoc/>
    protected override Tensor Transform(Tensor images, string op)
    {
        int h = images.Dim(-2), w = images.Dim(-1);
        if (Height > h || Width > w)
            throw new ArgumentException($"CenterCrop.{op}: crop ({Height},{Width}) is larger than the image ({h},{w})");
        int top = (h - Height) / 2, left = (w - Width) / 2;
        return images[TensorIndex.Ellipsis, top..(top + Height), left..(left + Width)].Copy();
    }
}
