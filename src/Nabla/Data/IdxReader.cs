using System.Buffers.Binary;
using System.IO.Compression;

namespace Nabla.Data;

/// <summary>
/// Reads IDX files of unsigned bytes (the MNIST format): a big-endian magic number <c>0x000008nn</c> with the
/// number of dimensions nn, the dimensions as big-endian int32, then the bytes in C order. Files ending in
/// <c>.gz</c> are gunzipped first, and their gzip trailer (CRC-32 and length) is checked as <c>gzip -t</c> does.
/// </summary>
internal static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    // Deflate expands at most about 1032 times; a larger claim cannot be what the file holds.
    private const long MaxDeflateRatio = 1032;

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
            // Checked before multiplying, so 16 x 2^30 x 2^30 cannot wrap to 0; like Tensor, a later 0 does not excuse it.
            if (size * (long)d > Array.MaxLength)
                throw Error($"declares {string.Join(" x ", shape[..(i + 1)])}{(i + 1 < dims ? " x ..." : "")} bytes, more than a single array can hold");
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
        var file = File.ReadAllBytes(path);
        try
        {
            var data = Gunzip(file);
            CheckTrailer(file, data);
            return data;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new InvalidDataException($"{dataset}: file '{path}' is not valid gzip data: {e.Message}", e);
        }
    }

    /// <summary>Decompresses in chunks, stopping once the output passes what deflate could have made of the file.</summary>
    private static byte[] Gunzip(byte[] file)
    {
        long limit = file.LongLength * MaxDeflateRatio + 1024;
        using var gzip = new GZipStream(new MemoryStream(file, writable: false), CompressionMode.Decompress);
        using var memory = new MemoryStream();
        var buffer = new byte[1 << 16];
        int n;
        while ((n = gzip.Read(buffer)) > 0)
        {
            memory.Write(buffer, 0, n);
            if (memory.Length > limit) throw new InvalidDataException($"it decompresses to more than {limit} bytes, beyond deflate's ratio");
        }
        return memory.ToArray();
    }

    /// <summary>
    /// GZipStream stops quietly where a member's trailer should be, so a truncated file or trailing garbage reads as
    /// valid. The last 8 bytes must be the trailer of the last member: the CRC-32 and length (mod 2^32) of its data,
    /// which ends the output (earlier members' trailers are checked by the decompressor itself).
    /// </summary>
    private static void CheckTrailer(byte[] file, byte[] data)
    {
        if (file.Length < 18) throw new InvalidDataException($"it is {file.Length} bytes long, too short for a gzip header and trailer (unexpected end of file)");
        uint crc = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 8));
        uint length = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4));
        // An empty last member would make any 8 zero bytes a valid trailer: only an empty file may end with one.
        bool fits = length <= data.Length && (length > 0 || data.Length == 0);
        if (!fits || Crc32.Update(0, data.AsSpan(data.Length - (int)length)) != crc)
            throw new InvalidDataException("its gzip trailer does not match the data: truncated, corrupt or followed by garbage (unexpected end of file)");
    }
}
