using System.Buffers.Binary;
using System.Collections;
using System.Text;
using Nabla.IO;
using Nabla.Tensors;

namespace Nabla.Tests.IO;

/// <summary>
/// The safetensors format: round trips, the exact bytes the reference implementation writes, and refusal of
/// corrupt files with messages naming the file and the key.
/// </summary>
public class SafeTensorsTests
{
    private static byte[] Raw(string header, byte[] data, bool pad = true)
    {
        var h = Encoding.UTF8.GetBytes(header).ToList();
        while (pad && h.Count % 8 != 0) h.Add((byte)' ');
        var bytes = new byte[8 + h.Count + data.Length];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Count);
        h.CopyTo(bytes, 8);
        data.CopyTo(bytes, 8 + h.Count);
        return bytes;
    }

    private static InvalidDataException LoadFails(TempDirectory dir, byte[] bytes)
    {
        string path = dir.File("bad.safetensors");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(path));
        Assert.Contains(path, e.Message);
        return e;
    }

    [Fact]
    public void RoundTripIsBitExactForEveryDTypeScalarsAndEmptyTensors()
    {
        using var dir = new TempDirectory();
        var tensors = TensorAssert.AllKinds();
        string path = dir.File("all.safetensors");
        SafeTensors.Save(path, tensors);
        var loaded = SafeTensors.Load(path);
        Assert.Equal(tensors.Keys.Order(), loaded.Keys.Order());
        foreach (var (key, t) in tensors) TensorAssert.BitEqual(t, loaded[key]);
        Assert.Equal(new[] { "all.safetensors" }, dir.FileNames());
    }

    [Fact]
    public void WritesTheReferenceImplementationsBytes()
    {
        // The serialization test of huggingface/safetensors: "attn0", F32 (1,1,2,3) = 0..5, header padded to 72 bytes.
        using var dir = new TempDirectory();
        string path = dir.File("ref.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["attn0"] = Tensor.Arange(0, 6, 1, DType.Float32).Reshape(1, 1, 2, 3) });
        var json = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}";
        var data = new float[] { 0, 1, 2, 3, 4, 5 }.SelectMany(BitConverter.GetBytes).ToArray();
        var expected = Raw(json, data);
        Assert.Equal(72, BinaryPrimitives.ReadInt64LittleEndian(expected));
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void EmptyFilesMatchTheReferenceWithAndWithoutMetadata()
    {
        using var dir = new TempDirectory();
        string path = dir.File("empty.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor>());
        Assert.Equal(new byte[] { 8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32 }, File.ReadAllBytes(path));
        SafeTensors.Save(path, new Dictionary<string, Tensor>(), new Dictionary<string, string> { ["framework"] = "pt" });
        Assert.Equal(Raw("{\"__metadata__\":{\"framework\":\"pt\"}}", []), File.ReadAllBytes(path));
        Assert.Equal(48, File.ReadAllBytes(path).Length);
        Assert.Empty(SafeTensors.Load(path, out var metadata));
        Assert.Equal("pt", metadata["framework"]);
    }

    [Fact]
    public void OrdersDataByDTypeAlignmentThenName()
    {
        using var dir = new TempDirectory();
        string path = dir.File("order.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["b"] = Tensor.Zeros(DType.Float32, 1),
            ["c"] = Tensor.Zeros(DType.Bool, 1),
            ["a"] = Tensor.Zeros(DType.Float32, 1),
            ["i"] = Tensor.Zeros(DType.Int32, 1),
            ["m"] = Tensor.Zeros(DType.Float64, 1),
            ["z"] = Tensor.Zeros(DType.Int64, 1),
        };
        SafeTensors.Save(path, tensors, new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" });
        var bytes = File.ReadAllBytes(path);
        int n = (int)BinaryPrimitives.ReadInt64LittleEndian(bytes);
        Assert.Equal(0, n % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, n).TrimEnd(' ');
        Assert.Equal(
            "{\"__metadata__\":{\"a\":\"1\",\"b\":\"2\"}," +
            "\"z\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}," +
            "\"m\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}," +
            "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[16,20]}," +
            "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[20,24]}," +
            "\"i\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[24,28]}," +
            "\"c\":{\"dtype\":\"BOOL\",\"shape\":[1],\"data_offsets\":[28,29]}}", header);
        Assert.Equal(8 + n + 29, bytes.Length);
    }

    [Fact]
    public void ReadsFilesInAnyKeyOrderAndScalarsWithEmptyShape()
    {
        using var dir = new TempDirectory();
        string path = dir.File("hand.safetensors");
        var data = BitConverter.GetBytes(7L).Concat(BitConverter.GetBytes(1.5f)).Concat(new byte[] { 2 }).ToArray();
        File.WriteAllBytes(path, Raw("{\"flag\":{\"dtype\":\"BOOL\",\"shape\":[],\"data_offsets\":[12,13]}, \"s\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[8,12]},"
            + "\"n\":{\"data_offsets\":[0,8],\"shape\":[1],\"dtype\":\"I64\"}}", data));
        var loaded = SafeTensors.Load(path);
        Assert.Equal(new long[] { 7 }, loaded["n"].ToArray<long>());
        Assert.Empty(loaded["s"].Shape);
        Assert.Equal(1.5, loaded["s"].Item());
        Assert.True(loaded["flag"].Item<bool>());
    }

    [Fact]
    public void RefusesHeaderLengthsBeyondTheFile()
    {
        using var dir = new TempDirectory();
        var bytes = Raw("{}", []);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, 1000);
        Assert.Contains("header of 1000 bytes", LoadFails(dir, bytes).Message);
        Assert.Contains("too short", LoadFails(dir, [1, 2, 3]).Message);
    }

    [Fact]
    public void RefusesBadJson()
    {
        using var dir = new TempDirectory();
        Assert.Contains("not valid JSON", LoadFails(dir, Raw("{\"w\": [1, 2", [])).Message);
        Assert.Contains("start with '{'", LoadFails(dir, Raw("[1, 2]", [])).Message);
    }

    [Theory]
    [InlineData("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4, "dtype 'F16'")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[100],\"data_offsets\":[0,400]}}", 8, "beyond")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "gap")]
    [InlineData("{\"v\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "overlapping")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", 8, "non-negative")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", 8, "without 'shape'")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "end before they begin")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8,9]}}", 8, "3 data_offsets")]
    public void RefusesBadTensorEntriesNamingTheKey(string header, int dataBytes, string expected)
    {
        using var dir = new TempDirectory();
        var e = LoadFails(dir, Raw(header, new byte[dataBytes]));
        Assert.Contains(expected, e.Message);
        Assert.Contains("'w'", e.Message);
    }

    [Fact]
    public void RefusesTrailingBytesAndTruncation()
    {
        using var dir = new TempDirectory();
        string path = dir.File("ok.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(3, 4) });
        var good = File.ReadAllBytes(path);
        Assert.Contains("1 trailing bytes", LoadFails(dir, [.. good, 0]).Message);
        var e = LoadFails(dir, good[..^5]);
        Assert.Contains("'w'", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void RefusesNonStringMetadataAndDuplicateKeys()
    {
        using var dir = new TempDirectory();
        Assert.Contains("metadata 'epoch'", LoadFails(dir, Raw("{\"__metadata__\":{\"epoch\":3}}", [])).Message);
        var dup = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        Assert.Contains("'w' twice", LoadFails(dir, Raw(dup, new byte[8])).Message);
    }

    [Fact]
    public void RefusesReservedAndEmptyNamesOnSave()
    {
        using var dir = new TempDirectory();
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(dir.File("x"), new Dictionary<string, Tensor> { ["__metadata__"] = Tensor.Ones(1) }));
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(dir.File("x"), new Dictionary<string, Tensor> { [""] = Tensor.Ones(1) }));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Save(dir.File("x"), new Dictionary<string, Tensor> { ["w"] = null! }));
        Assert.Empty(dir.FileNames());
    }

    [Fact]
    public void FailedSaveLeavesThePreviousCheckpointUntouched()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.safetensors");
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(2, 2) });
        var before = File.ReadAllBytes(path);
        Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(path, new ThrowingDictionary()));
        Assert.Throws<ArgumentNullException>(() => SafeTensors.Save(path, new Dictionary<string, Tensor> { ["w"] = Tensor.Zeros(2), ["v"] = null! }));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(new[] { "model.safetensors" }, dir.FileNames());
        TensorAssert.BitEqual(Tensor.Ones(2, 2), SafeTensors.Load(path)["w"]);
    }

    [Fact]
    public void SaveIntoAMissingDirectoryFailsWithoutLeavingFiles()
    {
        using var dir = new TempDirectory();
        Assert.Throws<DirectoryNotFoundException>(() =>
            SafeTensors.Save(Path.Combine(dir.Path, "missing", "m.safetensors"), new Dictionary<string, Tensor> { ["w"] = Tensor.Ones(1) }));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    /// <summary>Yields one tensor, then fails, as a buggy model state enumeration would.</summary>
    internal sealed class ThrowingDictionary : IReadOnlyDictionary<string, Tensor>
    {
        public Tensor this[string key] => throw new KeyNotFoundException(key);
        public IEnumerable<string> Keys => throw new InvalidOperationException("keys");
        public IEnumerable<Tensor> Values => throw new InvalidOperationException("values");
        public int Count => 2;
        public bool ContainsKey(string key) => false;
        public bool TryGetValue(string key, out Tensor value) => throw new InvalidOperationException("lookup");

        public IEnumerator<KeyValuePair<string, Tensor>> GetEnumerator()
        {
            yield return new("w", Tensor.Zeros(3));
            throw new InvalidOperationException("enumeration failed halfway");
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
