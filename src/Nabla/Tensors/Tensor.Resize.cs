namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// This tensor with its last two axes (height, width) resized to <paramref name="height"/> x <paramref name="width"/>
    /// by bilinear interpolation at pixel centres, as PyTorch's <c>interpolate(mode: "bilinear", align_corners: False)</c>
    /// (no antialiasing when shrinking). Integer tensors give Float32; float tensors keep their dtype.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two axes, an empty image or a size that is not positive.</exception>
    public Tensor ResizeBilinear(int height, int width)
    {
        if (height <= 0 || width <= 0) throw new ArgumentException($"ResizeBilinear: size must be positive, got ({height},{width})");
        if (NDim < 2) throw new ArgumentException($"ResizeBilinear: needs (..., height, width), got shape {ShapeString}");
        if (Dim(-2) == 0 || Dim(-1) == 0) throw new ArgumentException($"ResizeBilinear: cannot resize an empty image of shape {ShapeString}");
        var x = DType.IsFloat() ? this : AsType(DType.Float32);
        return x.InterpolateAxis(NDim - 2, height).InterpolateAxis(NDim - 1, width);
    }

    /// <summary>Linear interpolation along one axis: each output index reads its two nearest inputs, weighted.</summary>
    private Tensor InterpolateAxis(int axis, int outLength)
    {
        int inLength = Dim(axis);
        if (inLength == outLength) return this;
        var (low, high, weight) = LinearSources(inLength, outLength);
        var weightShape = Enumerable.Repeat(1, NDim).ToArray();
        weightShape[axis] = outLength;
        var w = FromSpan<double>(weight, weightShape).AsType(DType);
        var a = Take(FromSpan<long>(low, outLength), axis);
        var b = Take(FromSpan<long>(high, outLength), axis);
        return a + (b - a) * w;
    }

    /// <summary>
    /// Output pixel i is centred at input coordinate (i + 1/2)·in/out − 1/2, clamped at 0 as PyTorch does; it reads
    /// the floor of that and the next pixel (the last one repeats at the edge).
    /// </summary>
    private static (long[] Low, long[] High, double[] Weight) LinearSources(int inLength, int outLength)
    {
        var low = new long[outLength];
        var high = new long[outLength];
        var weight = new double[outLength];
        double scale = (double)inLength / outLength;
        for (int i = 0; i < outLength; i++)
        {
            double source = Math.Max((i + 0.5) * scale - 0.5, 0);
            int l = Math.Min((int)source, inLength - 1);
            low[i] = l;
            high[i] = Math.Min(l + 1, inLength - 1);
            weight[i] = source - l;
        }
        return (low, high, weight);
    }
}
