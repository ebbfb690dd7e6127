using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// The inverse of <see cref="ToTensor"/>, for saving or showing a result: (channels, height, width) with values
/// 0 to 1 becomes (height, width, channels) Float32 with values 0 to 255, clamped (out-of-range values are common
/// after optimising an image, as in style transfer); an image file's writer rounds them to bytes.
/// </summary>
public sealed class ToImage : Transform
{
    /// <inheritdoc/>
    public override Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.NDim != 3) throw new ArgumentException($"ToImage.Apply: needs (channels, height, width), got shape {x.ShapeString}");
        return Pixels(x.Transpose(1, 2, 0));
    }

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.NDim != 4) throw new ArgumentException($"ToImage.ApplyBatch: needs (N, channels, height, width), got shape {batch.ShapeString}");
        return Pixels(batch.Transpose(0, 2, 3, 1));
    }

    private static Tensor Pixels(Tensor hwc) => (hwc.AsType(DType.Float32) * 255.0).Clip(0, 255).Contiguous();
}
