namespace Nabla.Data;

/// <summary>
/// The ImageNet (ILSVRC 2012) classes that VGG16, ResNet and most pretrained classifiers predict, as DeZero's
/// <c>ImageNet.labels()</c> gives them; the list ships inside the library, so nothing is downloaded.
/// </summary>
public static class ImageNet
{
    private static readonly Lazy<IReadOnlyList<string>> labels = new(Read);

    /// <summary>The number of classes.</summary>
    public const int Classes = 1000;

    /// <summary>The 1,000 class names by class index (0 is "tench, Tinca tinca", 999 "toilet tissue, toilet paper, bathroom tissue").</summary>
    public static IReadOnlyList<string> Labels() => labels.Value;

    /// <summary>The name of class <paramref name="index"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The index is not in [0, 1000).</exception>
    public static string Label(int index) =>
        index is >= 0 and < Classes ? labels.Value[index]
            : throw new ArgumentOutOfRangeException(nameof(index), $"ImageNet.Label: class index must lie in [0, {Classes}), got {index}");

    private static IReadOnlyList<string> Read()
    {
        using var stream = typeof(ImageNet).Assembly.GetManifestResourceStream("Nabla.Data.ImageNetLabels.txt")
            ?? throw new InvalidOperationException("ImageNet: the embedded label list is missing from the Nabla assembly");
        using var reader = new StreamReader(stream);
        var list = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (list.Length != Classes) throw new InvalidOperationException($"ImageNet: the embedded label list has {list.Length} names, not {Classes}");
        return Array.AsReadOnly(list);
    }
}
