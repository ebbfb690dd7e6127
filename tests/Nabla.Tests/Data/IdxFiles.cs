using System.Buffers.Binary;
using System.IO.Compression;

namespace Nabla.Tests.Data;

/// <summary>Writes small MNIST-style IDX files for tests.</summary>
internal static class IdxFiles
{
    /// <summary>An IDX file of unsigned bytes: magic 0x000008nn, big-endian dimensions, data.</summary>
    public static byte[] Bytes(byte[] data, params int[] dims)
    {
        var bytes = new byte[4 + 4 * dims.Length + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)(0x0800 | dims.Length));
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dims[i]);
        data.CopyTo(bytes, 4 + 4 * dims.Length);
        return bytes;
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var memory = new MemoryStream();
        using (var gz = new GZipStream(memory, CompressionLevel.Fastest)) gz.Write(bytes);
        return memory.ToArray();
    }

    /// <summary>Pixel k of image i is (i * 31 + k) % 256; label i is i % 10.</summary>
    public static (byte[] Images, byte[] Labels) Digits(int n, int rows = 28, int cols = 28)
    {
        var pixels = new byte[n * rows * cols];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < rows * cols; k++) pixels[i * rows * cols + k] = (byte)((i * 31 + k) % 256);
        var labels = Enumerable.Range(0, n).Select(i => (byte)(i % 10)).ToArray();
        return (Bytes(pixels, n, rows, cols), Bytes(labels, n));
    }

    /// <summary>Writes the images and labels of one split, gzipped or raw.</summary>
    public static void WriteSplit(string dir, string prefix, int n, bool gzip)
    {
        var (images, labels) = Digits(n);
        string ext = gzip ? ".gz" : "";
        File.WriteAllBytes(Path.Combine(dir, $"{prefix}-images-idx3-ubyte{ext}"), gzip ? Gzip(images) : images);
        File.WriteAllBytes(Path.Combine(dir, $"{prefix}-labels-idx1-ubyte{ext}"), gzip ? Gzip(labels) : labels);
    }
}
