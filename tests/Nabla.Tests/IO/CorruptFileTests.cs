using System.Buffers.Binary;
using System.Text;
using Nabla.IO;
using Nabla.Tensors;

namespace Nabla.Tests.IO;

/// <summary>
/// The reproducers of issue 15 for the checkpoint readers: each corrupt file is refused with an
/// <see cref="InvalidDataException"/> naming the file, and nothing is allocated on a header's word alone.
/// </summary>
public class CorruptFileTests
{
    private static readonly Tensor Values = Tensor.FromArray(Enumerable.Range(0, 12).Select(i => 0.77f + i).ToArray()).Reshape(3, 4);

    private static InvalidDataException Refused(string path, Action load)
    {
        var e = Assert.Throws<InvalidDataException>(load);
        Assert.Contains(path, e.Message);
        return e;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Npz_WithOneFlippedDataByte_IsRefusedForItsCrc(bool compressed)
    {
        using var dir = new TempDirectory();
        string path = dir.File("w.npz");
        Npz.Save(path, new Dictionary<string, Tensor> { ["a"] = Values }, compressed);
        var bytes = File.ReadAllBytes(path);
        // The last byte before the central directory is compressed or raw data of the entry.
        int at = compressed ? ZipBytes.Find(bytes, ZipBytes.CentralHeader)[0] - 3
            : ZipBytes.IndexOf(bytes, BitConverter.GetBytes(Values.ToArray<float>()[6])) + 3;
        bytes[at] ^= 0x7F;
        File.WriteAllBytes(path, bytes);
        var e = Refused(path, () => Npz.Load(path));
        Assert.Contains("entry 'a.npy'", e.Message);
        if (!compressed) Assert.Contains("Bad CRC-32", e.Message);
    }

    [Fact]
    public void Npz_DeclaringA2GBEntry_IsRefusedBeforeAllocating()
    {
        using var dir = new TempDirectory();
        string path = dir.File("big.npz");
        Npz.Save(path, new Dictionary<string, Tensor> { ["a"] = Values }, compressed: true);
        File.WriteAllBytes(path, ZipBytes.WithUncompressedSize(File.ReadAllBytes(path), int.MaxValue));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Refused(path, () => Npz.Load(path));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20, "more than 4 MB allocated for a small file");
        Assert.Contains("2147483647", e.Message);
    }

    [Fact]
    public void Npz_WithACorruptDirectory_NamesTheFile()
    {
        using var dir = new TempDirectory();
        string path = dir.File("dir.npz");
        Npz.Save(path, new Dictionary<string, Tensor> { ["a"] = Values, ["b"] = Values });
        var bytes = File.ReadAllBytes(path);
        // The second central directory record loses its signature: listing the entries fails.
        bytes[ZipBytes.Find(bytes, ZipBytes.CentralHeader)[1]] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
        Refused(path, () => Npz.Load(path));
    }

    [Fact]
    public void Npz_WithAnEntryMarkedEncrypted_IsRefused()
    {
        // Found by the fuzz test: ZipArchive reads such an entry as if it were plain; NumPy asks for a password.
        using var dir = new TempDirectory();
        string path = dir.File("enc.npz");
        Npz.Save(path, new Dictionary<string, Tensor> { ["a"] = Values });
        var bytes = File.ReadAllBytes(path);
        foreach (int at in ZipBytes.Find(bytes, ZipBytes.LocalHeader)) bytes[at + 6] |= 1;
        foreach (int at in ZipBytes.Find(bytes, ZipBytes.CentralHeader)) bytes[at + 8] |= 1;
        File.WriteAllBytes(path, bytes);
        Assert.Contains("encrypted", Refused(path, () => Npz.Load(path)).Message);
    }

    [Fact]
    public void Npz_ThatIsIntact_StillLoads()
    {
        using var dir = new TempDirectory();
        foreach (bool compressed in new[] { false, true })
        {
            string path = dir.File($"ok-{compressed}.npz");
            Npz.Save(path, new Dictionary<string, Tensor> { ["a"] = Values, ["e"] = Tensor.Zeros(0, 3) }, compressed);
            var back = Npz.Load(path);
            TensorAssert.BitEqual(Values, back["a"]);
            Assert.Equal(new[] { 0, 3 }, back["e"].Shape);
        }
    }

    /// <summary>A safetensors file with this JSON header (padded to 8 bytes) and <paramref name="dataBytes"/> zero bytes of data.</summary>
    private static byte[] SafeTensorsFile(byte[] json, int dataBytes)
    {
        var header = json.Concat(Enumerable.Repeat((byte)' ', (8 - json.Length % 8) % 8)).ToArray();
        var file = new byte[8 + header.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)header.Length);
        header.CopyTo(file, 8);
        return file;
    }

    public static TheoryData<string> BadUnicodeHeaders() => new()
    {
        "name-invalid-utf8",
        "metadata-invalid-utf8",
        "name-lone-surrogate",
        "metadata-lone-surrogate",
    };

    [Theory]
    [MemberData(nameof(BadUnicodeHeaders))]
    public void SafeTensors_WithNamesThatAreNotUnicode_IsRefused(string which)
    {
        string name = which.StartsWith("name", StringComparison.Ordinal) ? "NAME" : "w";
        string meta = which.StartsWith("metadata", StringComparison.Ordinal) ? "NAME" : "m";
        var json = Encoding.UTF8.GetBytes($"{{\"__metadata__\":{{\"{meta}\":\"v\"}},\"{name}\":{{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}}}");
        int at = ZipBytes.IndexOf(json, "NAME"u8.ToArray());
        byte[] replacement = which.EndsWith("utf8", StringComparison.Ordinal) ? [(byte)'a', 0xC3, 0x28, (byte)'b'] : Encoding.ASCII.GetBytes("\\ud800");
        json = [.. json[..at], .. replacement, .. json[(at + 4)..]];
        using var dir = new TempDirectory();
        string path = dir.File("u.safetensors");
        File.WriteAllBytes(path, SafeTensorsFile(json, 4));
        Refused(path, () => SafeTensors.Load(path));
    }

    [Fact]
    public void SafeTensors_EmptyTensorWithHugeLeadingDimensions_IsRefusedCleanly()
    {
        var json = Encoding.UTF8.GetBytes("{\"e\":{\"dtype\":\"F32\",\"shape\":[2147483647,2,0],\"data_offsets\":[0,0]}}");
        using var dir = new TempDirectory();
        string path = dir.File("e.safetensors");
        File.WriteAllBytes(path, SafeTensorsFile(json, 0));
        Assert.Contains("(2147483647,2,0)", Refused(path, () => SafeTensors.Load(path)).Message);
    }

    [Theory]
    [InlineData("(2147483647, 2, 0)", true)]
    [InlineData("(2147483647, 2, 0)", false)]
    [InlineData("(0, 2, 2147483647)", true)]
    public void Npy_EmptyArrayWithHugeDimensions_IsRefusedCleanlyOrLoads(string shape, bool fortran)
    {
        string dict = $"{{'descr': '<f4', 'fortran_order': {(fortran ? "True" : "False")}, 'shape': {shape}, }}";
        dict += new string(' ', 63 - (10 + dict.Length) % 64) + "\n";
        var header = Encoding.Latin1.GetBytes(dict);
        var bytes = new byte[10 + header.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }.CopyTo(bytes, 0);
        bytes[6] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)header.Length);
        header.CopyTo(bytes, 10);
        using var dir = new TempDirectory();
        string path = dir.File("e.npy");
        File.WriteAllBytes(path, bytes);
        try
        {
            var t = Npy.Load(path);
            Assert.Equal(0, t.Size); // a shape a Tensor can hold loads, in either order
        }
        catch (InvalidDataException e)
        {
            Assert.Contains(path, e.Message);
            Assert.True(e.Message.Contains("cannot hold") || e.Message.Contains("too large"), e.Message);
        }
    }
}
