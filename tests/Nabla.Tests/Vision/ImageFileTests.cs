using Nabla.Tensors;
using Nabla.Tests.IO;
using Nabla.Vision;

namespace Nabla.Tests.Vision;

/// <summary>Images written and read back through SkiaSharp; bad files and values are named.</summary>
public class ImageFileTests
{
    private static Tensor Picture(int h, int w)
    {
        var values = new float[h * w * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = (y * w + x) * 3;
                values[i] = x * 255f / (w - 1);
                values[i + 1] = y * 255f / (h - 1);
                values[i + 2] = (x + y) % 2 == 0 ? 40f : 200f;
            }
        return Tensor.FromSpan<float>(values, h, w, 3);
    }

    [Fact]
    public void PngRoundTripsToTheNearestByte()
    {
        using var dir = new TempDirectory();
        var image = Picture(5, 7);
        ImageFile.Save(image, dir.File("a.png"));
        var back = ImageFile.Load(dir.File("a.png"));
        Assert.Equal([5, 7, 3], back.Shape);
        Assert.Equal(DType.Float32, back.DType);
        var expected = image.ToArray<float>().Select(v => (float)Math.Round(v)).ToArray();
        Assert.Equal(expected, back.ToArray<float>());
        Assert.Equal(["a.png"], dir.FileNames());
    }

    [Fact]
    public void GreyImagesBecomeRgbAndJpegIsClose()
    {
        using var dir = new TempDirectory();
        var grey = Tensor.Full([4, 6], 128.0);
        ImageFile.Save(grey, dir.File("g.png"));
        Assert.All(ImageFile.Load(dir.File("g.png")).ToArray<float>(), v => Assert.Equal(128f, v));

        var smooth = Tensor.Full([16, 16, 3], 90.0);
        ImageFile.Save(smooth, dir.File("s.jpg"));
        Assert.All(ImageFile.Load(dir.File("s.jpg")).ToArray<float>(), v => Assert.InRange(v, 87f, 93f));
    }

    [Fact]
    public void BadFilesShapesAndValuesAreNamed()
    {
        using var dir = new TempDirectory();
        Assert.Throws<FileNotFoundException>(() => ImageFile.Load(dir.File("missing.png")));
        File.WriteAllText(dir.File("text.png"), "not an image");
        Assert.Contains("text.png", Assert.Throws<InvalidDataException>(() => ImageFile.Load(dir.File("text.png"))).Message);

        Assert.Contains("got shape (3,4,5)", Assert.Throws<ArgumentException>(() => ImageFile.Save(Tensor.Zeros(3, 4, 5), dir.File("b.png"))).Message);
        Assert.Contains("'.bmp'", Assert.Throws<ArgumentException>(() => ImageFile.Save(Tensor.Zeros(3, 4, 3), dir.File("b.bmp"))).Message);
        var e = Assert.Throws<ArgumentException>(() => ImageFile.Save(Tensor.Full([2, 2, 3], 300.0), dir.File("b.png")));
        Assert.Contains("[0, 255]", e.Message);

        // A failed save leaves the previous file as it was.
        ImageFile.Save(Picture(3, 3), dir.File("keep.png"));
        var before = File.ReadAllBytes(dir.File("keep.png"));
        Assert.Throws<ArgumentException>(() => ImageFile.Save(Tensor.Full([3, 3, 3], double.NaN), dir.File("keep.png")));
        Assert.Equal(before, File.ReadAllBytes(dir.File("keep.png")));
    }
}
