using Nabla.IO;
using Nabla.Tensors;
using SkiaSharp;

namespace Nabla.Vision;

/// <summary>
/// Image files as tensors: <see cref="Load"/> gives what NumPy's <c>asarray(Image.open(path).convert("RGB"))</c> gives
/// (height, width, 3; RGB; values 0 to 255, here as Float32), <see cref="Save"/> writes such a tensor back.
/// Feed images to networks through <c>ToTensor</c> (or <c>VGG16.Preprocess</c>) and back through <c>ToImage</c>.
/// </summary>
public static class ImageFile
{
    /// <summary>Reads a PNG, JPEG, WebP, BMP or GIF (first frame) file; transparency is dropped, grey becomes RGB.</summary>
    /// <exception cref="FileNotFoundException">No file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not an image SkiaSharp can decode.</exception>
    public static Tensor Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"ImageFile.Load: no file at {path}", path);
        using var bitmap = SKBitmap.Decode(path)
            ?? throw new InvalidDataException($"ImageFile.Load: {path} is not an image (PNG, JPEG, WebP, BMP or GIF) that can be decoded");
        using var rgba = bitmap.ColorType == SKColorType.Rgba8888 && bitmap.AlphaType != SKAlphaType.Premul ? null : Converted(bitmap, path);
        var source = rgba ?? bitmap;
        var bytes = source.GetPixelSpan();
        int h = source.Height, w = source.Width, stride = source.RowBytes;
        var values = new float[h * w * 3];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++) values[(y * w + x) * 3 + c] = bytes[y * stride + x * 4 + c];
        return Tensor.FromSpan<float>(values, h, w, 3);
    }

    /// <summary>
    /// Writes <paramref name="image"/> — (height, width, 3) RGB, or (height, width) / (height, width, 1) grey, values 0
    /// to 255, rounded to the nearest byte — as PNG or JPEG (chosen by the extension). The write is atomic: an error
    /// leaves any previous file in place.
    /// </summary>
    /// <exception cref="ArgumentException">Another shape, a value outside [0, 255] or NaN, or an unknown extension.</exception>
    public static void Save(Tensor image, string path, int jpegQuality = 95)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(path);
        var format = Format(path);
        var (h, w, channels) = Layout(image);
        var values = image.AsType(DType.Float64).Contiguous().ToArray<double>();
        using var bitmap = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        for (int i = 0; i < h * w; i++)
            for (int c = 0; c < 4; c++)
                pixels[i * 4 + c] = c == 3 ? (byte)255 : Byte(values, i * channels + (channels == 1 ? 0 : c), path);
        using var data = bitmap.Encode(format, jpegQuality)
            ?? throw new InvalidOperationException($"ImageFile.Save: SkiaSharp could not encode {path} as {format}");
        AtomicFile.Write(path, stream => data.SaveTo(stream));
    }

    private static SKBitmap Converted(SKBitmap bitmap, string path)
    {
        var info = new SKImageInfo(bitmap.Width, bitmap.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var converted = new SKBitmap(info);
        if (!bitmap.CopyTo(converted, SKColorType.Rgba8888))
        {
            converted.Dispose();
            throw new InvalidDataException($"ImageFile.Load: {path} has pixels ({bitmap.ColorType}) that cannot be converted to RGB");
        }
        return converted;
    }

    private static SKEncodedImageFormat Format(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".png" => SKEncodedImageFormat.Png,
        ".jpg" or ".jpeg" => SKEncodedImageFormat.Jpeg,
        var other => throw new ArgumentException($"ImageFile.Save: {path}: write .png or .jpg/.jpeg, not '{other}'"),
    };

    private static (int H, int W, int Channels) Layout(Tensor image)
    {
        if (image.NDim == 2) return (image.Dim(0), image.Dim(1), 1);
        if (image.NDim == 3 && image.Dim(2) is 1 or 3) return (image.Dim(0), image.Dim(1), image.Dim(2));
        throw new ArgumentException($"ImageFile.Save: an image is (height, width), (height, width, 1) or (height, width, 3), got shape ({string.Join(",", image.Shape)})");
    }

    private static byte Byte(double[] values, int i, string path)
    {
        double v = values[i];
        if (!(v >= 0 && v <= 255))
            throw new ArgumentException($"ImageFile.Save: {path}: value {i} is {v}; pixels must lie in [0, 255] (ToImage clamps them)");
        return (byte)Math.Round(v);
    }
}
