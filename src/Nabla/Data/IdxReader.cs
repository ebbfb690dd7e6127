using System.Buffers.Binary;
using System.IO.Compression;

namespace Nabla.Data;

/// <summary>
/// Reads IDX files of unsigned bytes (the MNIST format): a big-endian magic number <c>0x000008nn</c> with the
/// number of dimensions nn, the dimensions as big-endian int32, then the bytes in C order. Files ending in
/// <c>.gz</c> are gunzipped first.
/// </summary>
internal static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>The dimensions and bytes of an IDX file with <paramref name="dims"/> dimensions.</summary>
    /// <exception cref="InvalidDataException">The file is not such an IDX file; the message names it and the problem.</exception>
    public static (int[] Shape, byte[] Data) Read(string path, int dims, string dataset)
    {
        var bytes = Contents(path, dataset);
        InvalidDataException Error(string what) => new($"{dataset}: file '{path}' {what}");
        int headerSize = 4 + 4 * dims;
        if (bytes.Length < 4) throw Error($"is {bytes.Length} bytes long, too short for an IDX magic number");
        uint magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        uint expected = (uint)(UnsignedByte << 8 | dims);
        if (magic != expected)
            throw Error($"has magic number 0x{magic:X8}, expected 0x{expected:X8} (unsigned bytes, {dims} dimensions)");
        if (bytes.Length < headerSize) throw Error($"is {bytes.Length} bytes long, too short for its {dims} dimensions (header of {headerSize} bytes)");
        var shape = new int[dims];
        long size = 1;
        for (int i = 0; i < dims; i++)
        {
            uint d = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (d > int.MaxValue) throw Error($"declares dimension {i} of size {d}");
            shape[i] = (int)d;
            size *= d;
        }
        if (bytes.Length - headerSize != size)
            throw Error($"holds {bytes.Length - headerSize} data bytes but its header ({string.Join(" x ", shape)}) declares {size}"
                + (bytes.Length - headerSize < size ? " (truncated)" : " (trailing bytes)"));
        return (shape, bytes[headerSize..]);
    }

    /// <summary>The file's bytes, gunzipped when its name ends in .gz.</summary>
    private static byte[] Contents(string path, string dataset)
    {
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return File.ReadAllBytes(path);
        try
        {
            using var file = File.OpenRead(path);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            return memory.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{dataset}: file '{path}' is not valid gzip data: {e.Message}", e);
        }
    }
}
