using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Nabla.Tests.Fuzz;

/// <summary>
/// An independent reading of <c>.npz</c> for the fuzz tests: the zip structure walked by hand (end record, central
/// directory, local headers; no zip64, no encryption, stored or deflated entries), every entry's size and CRC-32
/// (computed bit by bit, not by table) checked, and each entry read by <see cref="NpyReference"/>.
/// Returns null where it refuses.
/// </summary>
internal static class NpzReference
{
    /// <summary>One entry of the central directory: where its data is and what it should be.</summary>
    internal sealed record Entry(string Name, int Method, uint Crc, long Compressed, long Uncompressed, long DataStart, int CentralAt, int LocalAt);

    public static Dictionary<string, Reference>? Read(byte[] file)
    {
        if (Entries(file) is not { } entries) return null;
        var result = new Dictionary<string, Reference>();
        foreach (var e in entries)
        {
            if (!e.Name.EndsWith(".npy", StringComparison.Ordinal) || result.ContainsKey(e.Name[..^4])) return null;
            if (Data(file, e) is not { } data || NpyReference.Read(data) is not { } array) return null;
            result[e.Name[..^4]] = array;
        }
        return result;
    }

    /// <summary>The entries listed by the central directory, or null when the structure is not a plain zip.</summary>
    public static List<Entry>? Entries(byte[] file)
    {
        int end = -1;
        for (int i = file.Length - 22; i >= Math.Max(0, file.Length - 22 - 0xFFFF); i--)
            // The last end record in the file's last 64 KiB, as Python's zipfile (numpy.load) finds it: bytes may follow it.
            if (BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(i)) == 0x06054b50)
            {
                end = i;
                break;
            }
        if (end < 0 || U16(file, end + 4) != 0 || U16(file, end + 6) != 0) return null;
        int count = U16(file, end + 10);
        long offset = U32(file, end + 16);
        // The directory's recorded size is not checked against its records: System.IO.Compression ignores it, and the
        // entries (count, offsets, CRCs) still say everything about the arrays.
        if (U16(file, end + 8) != count || offset > end) return null;
        var entries = new List<Entry>();
        long at = offset;
        for (int k = 0; k < count; k++)
        {
            if (at + 46 > end || U32(file, (int)at) != 0x02014b50) return null;
            int c = (int)at;
            int flags = U16(file, c + 8), method = U16(file, c + 10);
            uint crc = U32(file, c + 16);
            long compressed = U32(file, c + 20), uncompressed = U32(file, c + 24);
            int nameLength = U16(file, c + 28), extra = U16(file, c + 30), comment = U16(file, c + 32);
            long local = U32(file, c + 42);
            if ((flags & 1) != 0 || method is not (0 or 8) || compressed == 0xFFFFFFFF || uncompressed == 0xFFFFFFFF || local == 0xFFFFFFFF) return null;
            if (c + 46 + nameLength > file.Length) return null;
            string name = Encoding.UTF8.GetString(file, c + 46, nameLength);
            if (local + 30 > file.Length || U32(file, (int)local) != 0x04034b50) return null;
            long dataStart = local + 30 + U16(file, (int)local + 26) + U16(file, (int)local + 28);
            if (dataStart + compressed > file.Length) return null;
            entries.Add(new Entry(name, method, crc, compressed, uncompressed, dataStart, c, (int)local));
            at = c + 46L + nameLength + extra + comment;
        }
        // The last record's extra field or comment may run into the end record: Python's zipfile reads them short.
        return at <= file.Length ? entries : null;
    }

    /// <summary>The entry's bytes, or null when they do not have the directory's size and CRC-32.</summary>
    private static byte[]? Data(byte[] file, Entry e)
    {
        var raw = file.AsSpan((int)e.DataStart, (int)e.Compressed).ToArray();
        byte[] data;
        if (e.Method == 0) data = raw;
        else
        {
            try
            {
                using var inflate = new DeflateStream(new MemoryStream(raw), CompressionMode.Decompress);
                // Grown as data arrives, never sized by the directory's claim: the test measures allocations.
                using var memory = new MemoryStream();
                var chunk = new byte[4096];
                int read;
                while (memory.Length <= e.Uncompressed && (read = inflate.Read(chunk)) > 0) memory.Write(chunk, 0, read);
                data = memory.ToArray();
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }
        return data.Length == e.Uncompressed && BitwiseCrc(data) == e.Crc ? data : null;
    }

    /// <summary>CRC-32 of zip, one bit at a time (a different computation from Nabla's table-driven one).</summary>
    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }

    /// <summary>Rewrites the CRC-32 of every stored entry (in both headers) to match its bytes, so mutated data reaches the NPY reader.</summary>
    public static byte[] WithFixedCrcs(byte[] file)
    {
        if (Entries(file) is not { } entries) return file;
        var copy = (byte[])file.Clone();
        foreach (var e in entries.Where(e => e.Method == 0))
        {
            uint crc = BitwiseCrc(copy.AsSpan((int)e.DataStart, (int)e.Compressed));
            BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(e.CentralAt + 16), crc);
            BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(e.LocalAt + 14), crc);
        }
        return copy;
    }

    private static int U16(byte[] b, int at) => at + 2 <= b.Length && at >= 0 ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : -1;

    private static uint U32(byte[] b, int at) => at + 4 <= b.Length && at >= 0 ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : 0xDEADBEEF;
}
