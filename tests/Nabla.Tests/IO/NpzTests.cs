using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Nabla.IO;
using Nabla.Tensors;

namespace Nabla.Tests.IO;

/// <summary>
/// The NPY and NPZ formats: headers exactly as numpy.save writes them, reading of hand-written files of every
/// supported version and dtype, Fortran order, and refusal of corrupt files naming the file and entry.
/// </summary>
public class NpzTests
{
    /// <summary>An NPY file from its parts, as a reader of the format would see them (no padding added).</summary>
    private static byte[] Npy(string header, byte[] data, int major = 1)
    {
        var h = Encoding.Latin1.GetBytes(header);
        int prefix = major == 1 ? 10 : 12;
        var bytes = new byte[prefix + h.Length + data.Length];
        new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y' }.CopyTo(bytes, 0);
        bytes[6] = (byte)major;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)h.Length);
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)h.Length);
        h.CopyTo(bytes, prefix);
        data.CopyTo(bytes, prefix + h.Length);
        return bytes;
    }

    private static Tensor LoadNpy(TempDirectory dir, byte[] bytes)
    {
        string path = dir.File("a.npy");
        File.WriteAllBytes(path, bytes);
        return Nabla.IO.Npy.Load(path);
    }

    private static InvalidDataException NpyFails(TempDirectory dir, byte[] bytes)
    {
        string path = dir.File("bad.npy");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => Nabla.IO.Npy.Load(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    private static byte[] Floats(params float[] v) => v.SelectMany(BitConverter.GetBytes).ToArray();

    [Fact]
    public void HeaderIsExactlyWhatNumpySaveWrites()
    {
        // numpy >= 1.24: the dict, 21 - len("2") spaces of room for shape[0] to grow, then spaces and '\n' up to a
        // multiple of 64: 10 + 118 = 128 bytes before the data.
        using var dir = new TempDirectory();
        string path = dir.File("x.npy");
        Nabla.IO.Npy.Save(path, Tensor.Arange(0, 6, 1, DType.Float32).Reshape(2, 3));
        var bytes = File.ReadAllBytes(path);
        string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        var expected = Npy(dict + new string(' ', 58) + "\n", Floats(0, 1, 2, 3, 4, 5));
        Assert.Equal(118, BinaryPrimitives.ReadUInt16LittleEndian(expected.AsSpan(8)));
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void HeadersOfScalarsAndVectorsFollowPythonRepr()
    {
        Assert.Equal("{'descr': '<f8', 'fortran_order': False, 'shape': (), }" + new string(' ', 62) + "\n",
            Encoding.Latin1.GetString(Nabla.IO.Npy.Header(Tensor.Scalar(1.0))[10..]));
        Assert.Equal("{'descr': '|b1', 'fortran_order': False, 'shape': (5,), }" + new string(' ', 60) + "\n",
            Encoding.Latin1.GetString(Nabla.IO.Npy.Header(Tensor.Zeros(DType.Bool, 5))[10..]));
        foreach (var shape in new[] { new[] { 1 }, [123456, 7], [2, 3, 4, 5, 6, 7, 8] })
            Assert.Equal(0, Nabla.IO.Npy.Header(Tensor.Zeros(shape)).Length % 64);
    }

    [Fact]
    public void NpzRoundTripIsBitExactForEveryDType()
    {
        using var dir = new TempDirectory();
        var tensors = TensorAssert.AllKinds();
        foreach (bool compressed in new[] { false, true })
        {
            string path = dir.File($"all-{compressed}.npz");
            Npz.Save(path, tensors, compressed);
            var loaded = Npz.Load(path);
            Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
            foreach (var (key, t) in tensors) TensorAssert.BitEqual(t, loaded[key]);
        }
        Assert.Equal(new[] { "all-False.npz", "all-True.npz" }, dir.FileNames());
    }

    [Fact]
    public void NpzIsAZipOfNpyEntriesAndIsDeterministic()
    {
        using var dir = new TempDirectory();
        var tensors = new Dictionary<string, Tensor> { ["W"] = Tensor.Ones(2, 3), ["b"] = Tensor.Zeros(3) };
        Npz.Save(dir.File("a.npz"), tensors);
        Npz.Save(dir.File("b.npz"), tensors);
        Assert.Equal(File.ReadAllBytes(dir.File("a.npz")), File.ReadAllBytes(dir.File("b.npz")));
        using var zip = ZipFile.OpenRead(dir.File("a.npz"));
        Assert.Equal(new[] { "W.npy", "b.npy" }, zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var entry = new MemoryStream();
        using (var s = zip.GetEntry("b.npy")!.Open()) s.CopyTo(entry);
        Assert.Equal(Nabla.IO.Npy.Header(Tensor.Zeros(3)), entry.ToArray()[..128]);
    }

    [Theory]
    [InlineData("<f4", DType.Float32)]
    [InlineData("<f8", DType.Float64)]
    [InlineData("<i4", DType.Int32)]
    [InlineData("<i8", DType.Int64)]
    public void ReadsHandWrittenFilesOfEachDType(string descr, DType dtype)
    {
        using var dir = new TempDirectory();
        var values = new double[] { 1, -2, 3, 4 };
        byte[] data = dtype switch
        {
            DType.Float32 => values.SelectMany(v => BitConverter.GetBytes((float)v)).ToArray(),
            DType.Float64 => values.SelectMany(BitConverter.GetBytes).ToArray(),
            DType.Int32 => values.SelectMany(v => BitConverter.GetBytes((int)v)).ToArray(),
            _ => values.SelectMany(v => BitConverter.GetBytes((long)v)).ToArray(),
        };
        // An old-style header: 16-byte alignment, no growth padding, double quotes are legal Python too.
        var t = LoadNpy(dir, Npy($"{{\"descr\": \"{descr}\", \"fortran_order\": False, \"shape\": (2, 2)}}   \n", data));
        Assert.Equal(dtype, t.DType);
        Assert.Equal([2, 2], t.Shape);
        Assert.Equal(values, t.ToDoubleArray());
    }

    [Fact]
    public void WidensUInt8AndNormalizesBools()
    {
        using var dir = new TempDirectory();
        var u8 = LoadNpy(dir, Npy("{'descr': '|u1', 'fortran_order': False, 'shape': (3,), }\n", [0, 128, 255]));
        Assert.Equal(DType.Int32, u8.DType);
        Assert.Equal(new[] { 0, 128, 255 }, u8.ToArray<int>());
        var b = LoadNpy(dir, Npy("{'descr': '|b1', 'fortran_order': False, 'shape': (3,), }\n", [0, 1, 2]));
        Assert.Equal(new[] { false, true, true }, b.ToArray<bool>());
    }

    [Fact]
    public void ReadsVersion2AndFortranOrder()
    {
        using var dir = new TempDirectory();
        // Fortran order stores columns first: [[1, 2, 3], [4, 5, 6]] is 1 4 2 5 3 6.
        var t = LoadNpy(dir, Npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }\n", Floats(1, 4, 2, 5, 3, 6), major: 2));
        Assert.Equal([2, 3], t.Shape);
        Assert.True(t.IsContiguous);
        Assert.Equal(new float[] { 1, 2, 3, 4, 5, 6 }, t.ToArray<float>());
        var scalar = LoadNpy(dir, Npy("{'descr': '<i8', 'fortran_order': False, 'shape': ()}\n", BitConverter.GetBytes(42L), major: 3));
        Assert.Equal(42, scalar.Item());
    }

    [Theory]
    [InlineData("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }\n", 4, "'>f4'")]
    [InlineData("{'descr': '<f2', 'fortran_order': False, 'shape': (1,), }\n", 2, "'<f2'")]
    [InlineData("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }\n", 4, "malformed header")]
    [InlineData("{'descr': '<f4', 'shape': (1,), }\n", 4, "header keys")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}\n", 4, "header keys")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }\n", 4, "fortran_order")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }\n", 4, "negative")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }\n", 4, "truncated")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", 5, "1 trailing bytes")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), \n", 4, "malformed header")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", 4, "")]
    public void RefusesBadHeadersAndSizes(string header, int dataBytes, string expected)
    {
        using var dir = new TempDirectory();
        var bytes = Npy(header, new byte[dataBytes]);
        if (expected == "")
        {
            // The well-formed control case loads.
            Assert.Equal([1], LoadNpy(dir, bytes).Shape);
            return;
        }
        Assert.Contains(expected, NpyFails(dir, bytes).Message);
    }

    [Fact]
    public void RefusesBadMagicVersionAndTruncatedHeaders()
    {
        using var dir = new TempDirectory();
        var good = Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", new byte[4]);
        var badMagic = (byte[])good.Clone();
        badMagic[1] = (byte)'X';
        Assert.Contains("not an NPY file", NpyFails(dir, badMagic).Message);
        var badVersion = (byte[])good.Clone();
        badVersion[6] = 4;
        Assert.Contains("version 4.0", NpyFails(dir, badVersion).Message);
        Assert.Contains("truncated", NpyFails(dir, good[..20]).Message);
        Assert.Contains("too short", NpyFails(dir, good[..5]).Message);
    }

    [Fact]
    public void NpzLoadNamesTheFileAndEntry()
    {
        using var dir = new TempDirectory();
        string path = dir.File("bad.npz");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using (var s = zip.CreateEntry("good.npy").Open()) s.Write(Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n", new byte[4]));
            using (var s = zip.CreateEntry("w.npy").Open()) s.Write(Npy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }\n", new byte[4]));
        }
        var e = Assert.Throws<InvalidDataException>(() => Npz.Load(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("'w.npy'", e.Message);
        Assert.Contains("truncated", e.Message);

        File.Delete(path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
            using (var s = zip.CreateEntry("notes.txt").Open()) s.Write("hi"u8);
        Assert.Contains("'notes.txt' is not an .npy array", Assert.Throws<InvalidDataException>(() => Npz.Load(path)).Message);

        File.WriteAllBytes(path, [1, 2, 3, 4, 5]);
        Assert.Contains("not a valid zip", Assert.Throws<InvalidDataException>(() => Npz.Load(path)).Message);
    }

    [Fact]
    public void FailedSaveLeavesThePreviousFileUntouched()
    {
        using var dir = new TempDirectory();
        string path = dir.File("state.npz");
        Npz.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(4) });
        var before = File.ReadAllBytes(path);
        // Here the enumeration fails after an entry has been written into the temporary file.
        Assert.Throws<InvalidOperationException>(() => Npz.Save(path, new SafeTensorsTests.ThrowingDictionary()));
        Assert.Throws<ArgumentNullException>(() => Npz.Save(path, new Dictionary<string, Tensor> { ["a"] = Tensor.Ones(1), ["b"] = null! }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "state.npz" }, dir.FileNames());

        string npy = dir.File("one.npy");
        Nabla.IO.Npy.Save(npy, Tensor.Ones(2));
        Assert.Throws<ArgumentNullException>(() => Nabla.IO.Npy.Save(npy, null!));
        TensorAssert.BitEqual(Tensor.Ones(2), Nabla.IO.Npy.Load(npy));
    }
}
