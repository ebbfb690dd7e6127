using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>Locates, downloads if asked, and reads the four-file IDX layout shared by MNIST and Fashion-MNIST.</summary>
internal static class IdxImageSet
{
    /// <summary>What distinguishes one MNIST-like dataset from another.</summary>
    internal sealed record Spec(string Name, string CacheName, string RepositoryFolder, IReadOnlyDictionary<string, string> KnownSha256);

    /// <summary>Images Float32 (N, 1, rows, cols) with raw pixel values 0..255, and labels Int64 (N,) in 0..9.</summary>
    public static (Tensor Images, Tensor Labels) Load(Spec spec, bool train, string? directory, DatasetDownload? download)
    {
        string prefix = train ? "train" : "t10k";
        string dir = Directory(spec, directory, download);
        string imagesPath = Locate(spec, dir, $"{prefix}-images-idx3-ubyte", download);
        string labelsPath = Locate(spec, dir, $"{prefix}-labels-idx1-ubyte", download);
        var (imageShape, pixels) = IdxReader.Read(imagesPath, 3, spec.Name);
        var (labelShape, labelBytes) = IdxReader.Read(labelsPath, 1, spec.Name);
        if (imageShape[0] != labelShape[0])
            throw new InvalidDataException($"{spec.Name}: '{imagesPath}' holds {imageShape[0]} images but '{labelsPath}' holds {labelShape[0]} labels");
        return (Images(pixels, imageShape), Labels(labelBytes, labelsPath, spec.Name));
    }

    private static string Directory(Spec spec, string? directory, DatasetDownload? download)
    {
        if (directory is not null) return directory;
        if (download is not null) return DatasetDownload.CacheDirectory(spec.CacheName);
        return DatasetDirectories.Find(spec.RepositoryFolder) ?? throw DatasetDirectories.NotFound(spec.Name, spec.RepositoryFolder);
    }

    /// <summary>The gzipped or raw file in <paramref name="dir"/>, downloading the gzipped one when allowed.</summary>
    private static string Locate(Spec spec, string dir, string baseName, DatasetDownload? download)
    {
        foreach (var name in new[] { baseName + ".gz", baseName })
        {
            string path = Path.Combine(dir, name);
            if (File.Exists(path)) return path;
        }
        if (download is not null) return Downloader.Fetch(download, spec.Name, baseName + ".gz", dir, spec.KnownSha256);
        throw new FileNotFoundException($"{spec.Name}: neither '{baseName}.gz' nor '{baseName}' is in '{dir}'", Path.Combine(dir, baseName + ".gz"));
    }

    private static Tensor Images(byte[] pixels, int[] shape)
    {
        var values = new float[pixels.Length];
        for (int i = 0; i < pixels.Length; i++) values[i] = pixels[i];
        return Tensor.FromHostArray(values, [shape[0], 1, shape[1], shape[2]]);
    }

    private static Tensor Labels(byte[] bytes, string path, string dataset)
    {
        var labels = new long[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] > 9) throw new InvalidDataException($"{dataset}: file '{path}' has label {bytes[i]} at index {i}, not a class 0-9");
            labels[i] = bytes[i];
        }
        return Tensor.FromHostArray(labels, [labels.Length]);
    }
}
