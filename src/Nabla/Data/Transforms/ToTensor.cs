using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// An image as it is loaded (height, width, channels; values 0 to 255, as NumPy's <c>asarray</c> of a PIL image) to
/// the layout networks take: (channels, height, width) in Float32 with values 0 to 1, as torchvision's ToTensor.
/// A grey (height, width) image gets one channel. A batch is (N, H, W, C) to (N, C, H, W).
/// </summary>
public sealed class ToTensor : Transform
{
    /// <inheritdoc/>
    public override Tensor Apply(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.NDim == 2) x = x.Reshape(x.Dim(0), x.Dim(1), 1);
        if (x.NDim != 3) throw new ArgumentException($"ToTensor.Apply: an image is (height, width) or (height, width, channels), got shape {x.ShapeString}");
        return Scaled(x.Transpose(2, 0, 1));
    }

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.NDim != 4) throw new ArgumentException($"ToTensor.ApplyBatch: a batch of images is (N, height, width, channels), got shape {batch.ShapeString}");
        return Scaled(batch.Transpose(0, 3, 1, 2));
    }

    private static Tensor Scaled(Tensor chw) => chw.AsType(DType.Float32).Contiguous() / 255.0;
}
