using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// Resizes the last two axes (height, width) of an image to <see cref="ImageSizeTransform.Height"/> x <see cref="ImageSizeTransform.Width"/> by bilinear
/// interpolation at pixel centres, as PyTorch's <c>interpolate(mode: "bilinear", align_corners: False)</c> and
/// torchvision's tensor <c>Resize(antialias: False)</c> do. DeZero's PIL resize filters differently (bicubic, with
/// antialiasing), so its pixels differ slightly. Integer input gives Float32; float input keeps its dtype.
/// </summary>
public sealed class Resize : ImageSizeTransform
{
    /// <summary>Resizes to <paramref name="height"/> x <paramref name="width"/>.</summary>
    public Resize(int height, int width) : base(height, width)
    {
    }

    /// <summary>Resizes to a <paramref name="size"/> x <paramref name="size"/> square.</summary>
    public Resize(int size) : this(size, size)
    {
    }

    /// <inheritdoc/>
    protected override Tensor Transform(Tensor images, string op) => images.ResizeBilinear(Height, Width);
}
