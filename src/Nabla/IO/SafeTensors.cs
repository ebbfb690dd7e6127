using System.Buffers.Binary;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// Reads and writes the safetensors format of Hugging Face: an 8-byte little-endian header length, a JSON header
/// <c>{"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}, "__metadata__": {...}}</c> padded
/// with spaces to a multiple of 8 bytes, then the tensors' bytes in C order, little-endian, back to back.
/// Files are written as the reference implementation writes them (tensors ordered by dtype alignment, largest
/// first, then by name), so a checkpoint saved here is byte-identical to one saved by the Python library.
/// </summary>
public static class SafeTensors
{
    /// <summary>The reserved header key holding free-form string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Saves <paramref name="tensors"/> (and optional string <paramref name="metadata"/>) to <paramref name="path"/>.
    /// The file is replaced atomically: a failed save leaves any previous file as it was.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var entries = Ordered(tensors);
        var header = Header(entries, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> length = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
            stream.Write(length);
            stream.Write(header);
            foreach (var (_, tensor) in entries) TensorBytes.Write(stream, tensor);
        });
    }

    /// <summary>Loads every tensor of a safetensors file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message names the file and the offending key.</exception>
    public static Dictionary<string, Tensor> Load(string path) => Load(path, out _);

    /// <summary>Loads every tensor of a safetensors file and its <c>__metadata__</c> strings (empty when there are none).</summary>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message names the file and the offending key.</exception>
    public static Dictionary<string, Tensor> Load(string path, out Dictionary<string, string> metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var reader = new SafeTensorsReader(path, stream.Length);
        long headerLength = reader.HeaderLength(ReadPrefix(stream, reader));
        var header = new byte[headerLength];
        stream.ReadExactly(header);
        var (infos, meta) = reader.ParseHeader(header);
        reader.CheckLayout(infos, stream.Length - 8 - headerLength);
        metadata = meta;
        var result = new Dictionary<string, Tensor>(infos.Count);
        foreach (var info in infos) result[info.Name] = TensorBytes.Read(stream, info.DType, info.Shape);
        return result;
    }

    private static ulong ReadPrefix(Stream stream, SafeTensorsReader reader)
    {
        if (stream.Length < 8) throw reader.Error($"is {stream.Length} bytes long, too short for the 8-byte header length");
        Span<byte> prefix = stackalloc byte[8];
        stream.ReadExactly(prefix);
        return BinaryPrimitives.ReadUInt64LittleEndian(prefix);
    }

    /// <summary>The safetensors name of a dtype.</summary>
    internal static string DTypeName(DType dtype) => dtype switch
    {
        DType.Bool => "BOOL",
        DType.Int32 => "I32",
        DType.Int64 => "I64",
        DType.Float32 => "F32",
        DType.Float64 => "F64",
        _ => throw new ArgumentException($"SafeTensors: dtype {dtype} cannot be saved"),
    };

    /// <summary>The dtype of a safetensors dtype name, or null for names Nabla does not support.</summary>
    internal static DType? ParseDType(string name) => name switch
    {
        "BOOL" => DType.Bool,
        "I32" => DType.Int32,
        "I64" => DType.Int64,
        "F32" => DType.Float32,
        "F64" => DType.Float64,
        _ => null,
    };

    /// <summary>The position of a dtype in the reference implementation's Dtype enum, which orders the data by alignment.</summary>
    private static int AlignmentRank(DType dtype) => dtype switch
    {
        DType.Bool => 0,
        DType.Int32 => 9,
        DType.Float32 => 11,
        DType.Float64 => 12,
        DType.Int64 => 13,
        _ => throw new ArgumentException($"SafeTensors: dtype {dtype} cannot be saved"),
    };

    /// <summary>The entries in file order: dtype rank descending, then name by UTF-8 bytes (as Rust compares strings).</summary>
    private static List<(string Name, Tensor Tensor)> Ordered(IReadOnlyDictionary<string, Tensor> tensors)
    {
        var entries = new List<(string Name, Tensor Tensor)>();
        foreach (var (name, tensor) in tensors)
        {
            if (string.IsNullOrEmpty(name)) throw new ArgumentException("SafeTensors.Save: tensor names must not be empty");
            if (name == MetadataKey) throw new ArgumentException($"SafeTensors.Save: '{MetadataKey}' is reserved for metadata and cannot name a tensor");
            if (tensor is null) throw new ArgumentNullException(nameof(tensors), $"SafeTensors.Save: tensor '{name}' is null");
            entries.Add((name, tensor));
        }
        entries.Sort((a, b) =>
        {
            int byDType = AlignmentRank(b.Tensor.DType).CompareTo(AlignmentRank(a.Tensor.DType));
            return byDType != 0 ? byDType : Encoding.UTF8.GetBytes(a.Name).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.Name));
        });
        return entries;
    }

    /// <summary>The compact JSON header, padded with spaces to a multiple of 8 bytes.</summary>
    private static byte[] Header(List<(string Name, Tensor Tensor)> entries, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            json.WriteStartObject();
            if (metadata is not null) WriteMetadata(json, metadata);
            long offset = 0;
            foreach (var (name, tensor) in entries)
            {
                long bytes = (long)tensor.Size * tensor.DType.ElementSize();
                json.WriteStartObject(name);
                json.WriteString("dtype", DTypeName(tensor.DType));
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        // Padding keeps every tensor's data 8-byte aligned for readers that map the file.
        while (buffer.Length % 8 != 0) buffer.WriteByte((byte)' ');
        return buffer.ToArray();
    }

    private static void WriteMetadata(Utf8JsonWriter json, IReadOnlyDictionary<string, string> metadata)
    {
        json.WriteStartObject(MetadataKey);
        // Sorted, so the same checkpoint always gives the same bytes.
        foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (value is null) throw new ArgumentException($"SafeTensors.Save: metadata '{key}' has a null value");
            json.WriteString(key, value);
        }
        json.WriteEndObject();
    }
}
