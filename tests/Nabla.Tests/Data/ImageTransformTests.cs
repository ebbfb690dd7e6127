using Nabla.Data;
using Nabla.Data.Transforms;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

/// <summary>Resize against PyTorch's bilinear interpolation; ToTensor/ToImage layouts; HorizontalFlip; ImageNet labels.</summary>
public class ImageTransformTests
{
    /// <summary>x = arange(70)^1.5 / 10 as (1, 2, 5, 7), the input of the PyTorch references below.</summary>
    private static Tensor Ramp() =>
        Tensor.FromSpan<float>(Enumerable.Range(0, 70).Select(i => (float)(Math.Pow(i, 1.5) / 10)).ToArray(), 1, 2, 5, 7);

    private static void Close(double[] expected, Tensor actual, double tolerance = 2e-6)
    {
        var a = actual.AsType(DType.Float64).Contiguous().ToArray<double>();
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tolerance * Math.Max(1, Math.Abs(expected[i])), $"entry {i}: expected {expected[i]}, got {a[i]}");
    }

    // torch 1.13: interpolate(x, size, mode="bilinear", align_corners=False), first 12 values and the sum.
    [Theory]
    [InlineData(3, 4, 552.281762778759, new[] { 0.6936814188957214, 1.1275544166564941, 1.7058131694793701, 2.3879997730255127, 5.452502727508545, 6.476159572601318, 7.558318614959717, 8.695884704589844, 13.372406005859375, 14.730584144592285, 16.133529663085938, 17.579795837402344 })]
    [InlineData(8, 11, 4048.6134793274105, new[] { 0.0, 0.045454543083906174, 0.11662206053733826, 0.232976496219635, 0.3689417839050293, 0.5196151733398438, 0.6980418562889099, 0.8867365121841431, 1.0891218185424805, 1.309848427772522, 1.469693899154663, 0.8102613687515259 })]
    public void ResizeMatchesPyTorchsBilinearInterpolation(int height, int width, double sum, double[] first)
    {
        var y = new Resize(height, width).ApplyBatch(Ramp());
        Assert.Equal([1, 2, height, width], y.Shape);
        Assert.Equal(DType.Float32, y.DType);
        Close(first, y.Reshape(-1).Narrow(0, 0, first.Length));
        Assert.Equal(sum, y.AsType(DType.Float64).Sum().Item<double>(), sum * 1e-6);
    }

    [Fact]
    public void ResizeKeepsTheSameSizeAndAConstantImage()
    {
        var x = Ramp();
        Assert.Equal(x.ToArray<float>(), new Resize(5, 7).ApplyBatch(x).ToArray<float>());
        var flat = Tensor.Full([3, 4, 6], 0.25).AsType(DType.Float64);
        var y = new Resize(9, 2).Apply(flat);
        Assert.Equal(DType.Float64, y.DType);
        Assert.All(y.ToArray<double>(), v => Assert.Equal(0.25, v));
        // Integers are resized as Float32.
        Assert.Equal(DType.Float32, new Resize(2).Apply(Tensor.Arange(16).Reshape(4, 4)).DType);
    }

    [Fact]
    public void ResizeOfABatchIsTheResizeOfEachImage()
    {
        var batch = Tensor.Randn(new Generator(1), 3, 2, 6, 5);
        var resize = new Resize(4, 9);
        var whole = resize.ApplyBatch(batch);
        for (int i = 0; i < 3; i++) Assert.Equal(resize.Apply(batch[i]).ToArray<float>(), whole[i].ToArray<float>());
    }

    [Fact]
    public void ResizeRejectsBadSizesAndShapes()
    {
        Assert.Contains("positive", Assert.Throws<ArgumentOutOfRangeException>(() => new Resize(0, 3)).Message);
        Assert.Contains("got shape (4", Assert.Throws<ArgumentException>(() => new Resize(2).Apply(Tensor.Zeros(4))).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => new Resize(2).Apply(Tensor.Zeros(3, 0, 4))).Message);
    }

    [Fact]
    public void ToTensorMovesChannelsFirstAndScalesToOne()
    {
        // A 2x2 RGB image with distinct values per position and channel.
        var hwc = Tensor.FromSpan<float>(Enumerable.Range(0, 12).Select(i => (float)(i * 20)).ToArray(), 2, 2, 3);
        var chw = new ToTensor().Apply(hwc);
        Assert.Equal([3, 2, 2], chw.Shape);
        Assert.Equal(DType.Float32, chw.DType);
        Assert.Equal(20f / 255, chw[1, 0, 0].Item<float>());
        Assert.Equal(160f / 255, chw[2, 1, 0].Item<float>()); // pixel (1, 0), channel 2: value 8 * 20
        Assert.Equal([1, 4, 5], new ToTensor().Apply(Tensor.Zeros(4, 5)).Shape);
        Assert.Equal([2, 3, 4, 5], new ToTensor().ApplyBatch(Tensor.Zeros(2, 4, 5, 3)).Shape);
        Assert.Contains("(height, width, channels)", Assert.Throws<ArgumentException>(() => new ToTensor().Apply(Tensor.Zeros(1, 2, 3, 4))).Message);

        var back = new ToImage().Apply(chw);
        Assert.Equal(hwc.Shape, back.Shape);
        for (int i = 0; i < 12; i++) Assert.Equal(hwc.ToArray<float>()[i], back.ToArray<float>()[i], 3);
    }

    [Fact]
    public void ToImageClampsValuesOutsideZeroToOne()
    {
        var chw = Tensor.FromSpan<double>([-0.5, 0.5, 1.5], 3, 1, 1);
        Assert.Equal([0f, 127.5f, 255f], new ToImage().Apply(chw).ToArray<float>());
        Assert.Equal([2, 4, 5, 3], new ToImage().ApplyBatch(Tensor.Zeros(2, 3, 4, 5)).Shape);
        Assert.Contains("(channels, height, width)", Assert.Throws<ArgumentException>(() => new ToImage().Apply(Tensor.Zeros(3, 4))).Message);
    }

    [Fact]
    public void HorizontalFlipMirrorsTheLastAxis()
    {
        var x = Tensor.Arange(6).Reshape(1, 2, 3);
        Assert.Equal([2L, 1, 0, 5, 4, 3], new HorizontalFlip().Apply(x).ToArray<long>());
        Assert.Equal([2L, 1, 0, 5, 4, 3], new HorizontalFlip().ApplyBatch(x).ToArray<long>());
        Assert.Throws<ArgumentException>(() => new HorizontalFlip().ApplyBatch(Tensor.Zeros(3)));
    }

    [Fact]
    public void ImageNetHasItsThousandLabelsInClassOrder()
    {
        var labels = ImageNet.Labels();
        Assert.Equal(1000, labels.Count);
        Assert.Equal("tench, Tinca tinca", labels[0]);
        Assert.Equal("goldfish, Carassius auratus", ImageNet.Label(1));
        Assert.Equal("tabby, tabby cat", labels[281]);
        Assert.Equal("toilet tissue, toilet paper, bathroom tissue", labels[999]);
        Assert.Equal(999, labels.Distinct().Count()); // "crane" names two classes: the bird (134) and the machine (517)
        Assert.Equal("crane", labels[517]);
        Assert.Contains("1000", Assert.Throws<ArgumentOutOfRangeException>(() => ImageNet.Label(1000)).Message);
    }
}
