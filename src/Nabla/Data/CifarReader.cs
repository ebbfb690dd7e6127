using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// Reads the binary CIFAR formats: fixed-size records of label bytes followed by 3072 pixel bytes
/// (1024 red, 1024 green, 1024 blue, each 32x32 row-major).
/// </summary>
internal static class CifarReader
{
    public const int Pixels = 3 * 32 * 32;

    /// <summary>
    /// Images Float32 (N, 3, 32, 32) with raw values 0..255 and Int64 labels taken from label byte
    /// <paramref name="labelByte"/> of each record, which starts with <paramref name="labelBytes"/> label bytes.
    /// </summary>
    public static (Tensor Images, Tensor Labels) Read(string dataset, IReadOnlyList<string> paths, int labelBytes, int labelByte, int classes)
    {
        int record = labelBytes + Pixels;
        var files = paths.Select(p => (Path: p, Bytes: File.ReadAllBytes(p))).ToArray();
        foreach (var (path, bytes) in files)
            if (bytes.Length == 0 || bytes.Length % record != 0)
                throw new InvalidDataException($"{dataset}: file '{path}' is {bytes.Length} bytes long, not a positive multiple of the {record}-byte record ({labelBytes} label bytes + {Pixels} pixels)");
        int n = files.Sum(f => f.Bytes.Length / record);
        var images = new float[(long)n * Pixels];
        var labels = new long[n];
        int k = 0;
        foreach (var (path, bytes) in files)
        {
            for (int r = 0; r < bytes.Length / record; r++, k++)
            {
                int start = r * record;
                byte label = bytes[start + labelByte];
                if (label >= classes)
                    throw new InvalidDataException($"{dataset}: file '{path}' has label {label} in record {r}, not a class 0-{classes - 1}");
                labels[k] = label;
                var pixels = bytes.AsSpan(start + labelBytes, Pixels);
                var target = images.AsSpan(k * Pixels, Pixels);
                for (int i = 0; i < Pixels; i++) target[i] = pixels[i];
            }
        }
        return (Tensor.FromHostArray(images, [n, 3, 32, 32]), Tensor.FromHostArray(labels, [n]));
    }

    /// <summary>
    /// The paths of <paramref name="names"/> in <paramref name="directory"/>, or in its subfolder
    /// <paramref name="archiveFolder"/> (where the official archives unpack).
    /// </summary>
    public static string[] Locate(string dataset, string directory, string archiveFolder, IEnumerable<string> names)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        string nested = Path.Combine(directory, archiveFolder);
        string dir = Directory.Exists(nested) ? nested : directory;
        var paths = names.Select(name => Path.Combine(dir, name)).ToArray();
        foreach (var path in paths)
            if (!File.Exists(path)) throw new FileNotFoundException($"{dataset}: file '{Path.GetFileName(path)}' is not in '{dir}'", path);
        return paths;
    }
}
