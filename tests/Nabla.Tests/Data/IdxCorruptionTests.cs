using System.Buffers.Binary;
using Nabla.Data;
using Nabla.Tests.IO;

namespace Nabla.Tests.Data;

/// <summary>The reproducers of issue 15 for the MNIST reader: broken gzip trailers and IDX sizes that overflow.</summary>
public class IdxCorruptionTests
{
    private static readonly byte[] Labels = IdxFiles.Bytes(Enumerable.Range(0, 50).Select(i => (byte)(i % 10)).ToArray(), 50);

    private static InvalidDataException Refused(string path)
    {
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 1, "Mnist"));
        Assert.Contains(path, e.Message);
        return e;
    }

    public static TheoryData<string> BrokenGzips() => new() { "no-trailer", "half-trailer", "trailing-garbage", "bad-crc", "bad-size", "garbage-then-zero-trailer" };

    [Theory]
    [MemberData(nameof(BrokenGzips))]
    public void Gzip_WithABrokenTrailer_IsRefused(string how)
    {
        var gz = IdxFiles.Gzip(Labels);
        byte[] broken = how switch
        {
            "no-trailer" => gz[..^8],
            "half-trailer" => gz[..^4],
            "trailing-garbage" => [.. gz, 0x42, 0x00, 0x17],
            "bad-crc" => Flip(gz, gz.Length - 8),
            // Found by the fuzz test: 8 zero bytes look like the trailer of an empty last member.
            "garbage-then-zero-trailer" => [.. gz, 0x42, 0x17, 0, 0, 0, 0, 0, 0, 0, 0],
            _ => Flip(gz, gz.Length - 4),
        };
        using var dir = new TempDirectory();
        string path = dir.File("t10k-labels-idx1-ubyte.gz");
        File.WriteAllBytes(path, broken);
        Assert.Contains("gzip", Refused(path).Message);
    }

    [Fact]
    public void Gzip_ThatIsIntact_AndConcatenatedMembers_StillLoad()
    {
        using var dir = new TempDirectory();
        string path = dir.File("a.gz");
        File.WriteAllBytes(path, IdxFiles.Gzip(Labels));
        Assert.Equal(Labels[8..], IdxReader.Read(path, 1, "Mnist").Data);
        // gzip -c a b > ab.gz: two members; the reader gives the concatenation, as gunzip does.
        File.WriteAllBytes(path, [.. IdxFiles.Gzip(Labels[..20]), .. IdxFiles.Gzip(Labels[20..])]);
        Assert.Equal(Labels[8..], IdxReader.Read(path, 1, "Mnist").Data);
    }

    [Theory]
    [InlineData(16, 1 << 30, 1 << 30)]
    [InlineData(1 << 16, 1 << 16, 1)]
    [InlineData(int.MaxValue, int.MaxValue, 0)]
    public void Idx_WhoseSizeOverflows_IsRefusedNamingTheFile(int n, int rows, int cols)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x0803);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), n);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), cols);
        using var dir = new TempDirectory();
        string path = dir.File("train-images-idx3-ubyte");
        File.WriteAllBytes(path, header);
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path, 3, "Mnist"));
        Assert.Contains(path, e.Message);
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        var copy = (byte[])bytes.Clone();
        copy[at] ^= 0x01;
        return copy;
    }
}
