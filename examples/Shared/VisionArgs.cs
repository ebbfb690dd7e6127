using Nabla.IO;
using Nabla.NN;
using Nabla.Tensors;
using Nabla.Vision;

namespace Nabla.Examples;

/// <summary>
/// The options of the VGG16 examples on top of <see cref="ExampleOptions"/>: image files and converted weights by
/// path (nothing can be downloaded here), with made-up pictures and seeded random weights when none are given, so the
/// examples and their tests run anywhere.
/// </summary>
internal static class VisionArgs
{
    /// <summary>
    /// Removes each <c>--name VALUE</c> of <paramref name="names"/> from <paramref name="args"/> into
    /// <paramref name="values"/>; returns what is left for <see cref="ExampleOptions.Parse"/>, or null with an error
    /// line when a name has no value.
    /// </summary>
    public static string[]? Extract(string[] args, string[] names, Dictionary<string, string> values, TextWriter output, string example)
    {
        var rest = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (!names.Contains(args[i]))
            {
                rest.Add(args[i]);
                continue;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                output.WriteLine($"{example}: {args[i]} needs a value");
                return null;
            }
            values[args[i]] = args[++i];
        }
        return [.. rest];
    }

    /// <summary>Loads converted VGG16 weights (DeZero's vgg16.npz or any naming), or says that the weights are random.</summary>
    public static void LoadOrSay(Layer model, string? weights, string purpose, TextWriter output)
    {
        if (weights is null)
        {
            output.WriteLine($"weights: random (seed 0); pass --weights vgg16.npz (DeZero's, or converted from torchvision) for {purpose}");
            return;
        }
        var result = model.LoadWeights(weights);
        output.WriteLine($"weights: {weights} ({(result.IsExact ? "all keys matched" : "partial")})");
    }

    /// <summary>The image file given with <paramref name="option"/> as (height, width, 3) RGB 0-255, or a made-up picture written to <paramref name="fallbackPath"/>.</summary>
    public static Tensor ImageOrPicture(string option, string? path, Func<Tensor> picture, string fallbackPath, TextWriter output)
    {
        if (path is not null) return ImageFile.Load(path);
        var image = picture();
        ImageFile.Save(image, fallbackPath);
        output.WriteLine($"{option}: none given; drew a picture: {fallbackPath}");
        return image;
    }

    /// <summary>Diagonal black-and-white stripes, a zebra's pattern, on a sky-blue background around them.</summary>
    public static Tensor Stripes(int height, int width)
    {
        var v = new float[height * width * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                double dx = (x - width / 2.0) / width, dy = (y - height / 2.0) / height;
                bool body = dx * dx / 0.12 + dy * dy / 0.06 < 1;
                float stripe = ((x + y) / Math.Max(width / 12, 1)) % 2 == 0 ? 20f : 235f;
                (v[i], v[i + 1], v[i + 2]) = body ? (stripe, stripe, stripe) : (120f, 170f, 230f);
            }
        return Tensor.FromSpan<float>(v, height, width, 3);
    }

    /// <summary>Concentric coloured rings, a stand-in for a painting's brush strokes.</summary>
    public static Tensor Rings(int height, int width)
    {
        var v = new float[height * width * 3];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int i = (y * width + x) * 3;
                double r = Math.Sqrt(Math.Pow(x - width * 0.3, 2) + Math.Pow(y - height * 0.4, 2)) / Math.Max(width, height);
                v[i] = (float)(127.5 + 127.5 * Math.Sin(40 * r));
                v[i + 1] = (float)(127.5 + 127.5 * Math.Sin(40 * r + 2));
                v[i + 2] = (float)(127.5 + 127.5 * Math.Cos(25 * r));
            }
        return Tensor.FromSpan<float>(v, height, width, 3);
    }
}
