using System.Buffers.Binary;

namespace Nabla.Tests.IO;

/// <summary>Finds and patches the headers of a small zip file, to make the corrupt archives of the tests.</summary>
internal static class ZipBytes
{
    public const uint LocalHeader = 0x04034b50;
    public const uint CentralHeader = 0x02014b50;
    public const uint EndOfCentralDirectory = 0x06054b50;

    /// <summary>The offsets of every occurrence of the 4-byte little-endian signature.</summary>
    public static List<int> Find(byte[] zip, uint signature)
    {
        var found = new List<int>();
        for (int i = 0; i + 4 <= zip.Length; i++)
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i)) == signature) found.Add(i);
        return found;
    }

    /// <summary>Sets the uncompressed size of every entry, in the local headers and the central directory.</summary>
    public static byte[] WithUncompressedSize(byte[] zip, uint size)
    {
        var copy = (byte[])zip.Clone();
        foreach (int at in Find(copy, LocalHeader)) BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + 22), size);
        foreach (int at in Find(copy, CentralHeader)) BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + 24), size);
        return copy;
    }

    /// <summary>The offset of the first byte of <paramref name="pattern"/> in <paramref name="bytes"/>.</summary>
    public static int IndexOf(byte[] bytes, byte[] pattern) => bytes.AsSpan().IndexOf(pattern);
}
