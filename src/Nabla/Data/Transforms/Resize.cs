using Nabla.Tensors;

namespace Nabla.Data.Transforms;

/// <summary>
/// Resizes the last two axes (height, width) of an image to <see cref="Height"/> x <see cref="Width"/> by bilinear
/// interpolation at pixel centres, as PyTorch's <c>interpolate(mode: "bilinear", align_corners: False)</c> and
/// torchvision's tensor <c>Resize(antialias: False)</c> do. DeZero's PIL resize filters differently (bicubic, with
/// antialiasing), so its pixels differ slightly. Integer input gives Float32; float input keeps its dtype.
/// </summary>
public sealed class Resize : Transform
{
    /// <summary>Resizes to <paramref name="height"/> x <paramref name="width"/>.</summary>
    public Resize(int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentOutOfRangeException(nameof(height), $"Resize: size must be positive, got ({height},{width})");
        Height = height;
        Width = width;
    }

    /// <summary>Resizes to a <paramref name="size"/> x <paramref name="size"/> square.</summary>
    public Resize(int size) : this(size, size)
    {
    }

    /// <summary>The output height.</summary>
    public int Height { get; }

    /// <summary>The output width.</summary>
    public int Width { get; }

    /// <inheritdoc/>
    public override Tensor Apply(Tensor x) => Run(x, 2, "Apply");

    /// <inheritdoc/>
    public override Tensor ApplyBatch(Tensor batch) => Run(batch, 3, "ApplyBatch");

    private Tensor Run(Tensor x, int minDims, string op)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.NDim < minDims)
            throw new ArgumentException($"Resize.{op}: needs at least {minDims} axes (..., height, width), got shape {x.ShapeString}");
        return x.ResizeBilinear(Height, Width);
    }
}
