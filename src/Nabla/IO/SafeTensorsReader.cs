using System.Text;
using System.Text.Unicode;
using System.Text.Json;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>Parses and validates the header of one safetensors file; every error names the file and the key.</summary>
internal sealed class SafeTensorsReader(string path, long fileLength)
{
    // The reference reader refuses larger headers; checking first avoids allocating a corrupt length.
    private const long MaxHeaderSize = 100_000_000;

    /// <summary>Where one tensor lies in the data section.</summary>
    internal sealed record TensorInfo(string Name, DType DType, int[] Shape, long Begin, long End);

    public InvalidDataException Error(string what) => new($"SafeTensors.Load: file '{path}' {what}");

    /// <summary>Checks the declared header length against the file and the reference reader's limit.</summary>
    public long HeaderLength(ulong declared)
    {
        if (declared > (ulong)(fileLength - 8))
            throw Error($"declares a header of {declared} bytes but only {fileLength - 8} bytes follow the length (truncated or not a safetensors file)");
        if ((long)declared > MaxHeaderSize)
            throw Error($"declares a header of {declared} bytes, larger than the {MaxHeaderSize}-byte limit");
        return (long)declared;
    }

    /// <summary>The tensors (in data order) and metadata described by the JSON header.</summary>
    public (List<TensorInfo> Tensors, Dictionary<string, string> Metadata) ParseHeader(byte[] header)
    {
        if (header.Length == 0 || header[0] != (byte)'{')
            throw Error("has a header that does not start with '{'");
        // JsonDocument checks the UTF-8 of a string only when it is read; the reference reader refuses it up front.
        if (!Utf8.IsValid(header)) throw Error("has a header that is not valid UTF-8");
        using var doc = Parse(header);
        try
        {
            return ReadHeader(doc);
        }
        catch (InvalidOperationException e)
        {
            // A name or value escaping a lone surrogate such as \ud800 is valid JSON syntax but no string.
            throw new InvalidDataException($"SafeTensors.Load: file '{path}' has a header string that is not valid Unicode: {e.Message}", e);
        }
    }

    private (List<TensorInfo> Tensors, Dictionary<string, string> Metadata) ReadHeader(JsonDocument doc)
    {
        var tensors = new List<TensorInfo>();
        var metadata = new Dictionary<string, string>();
        var seen = new HashSet<string>();
        foreach (var property in doc.RootElement.EnumerateObject())
        {
            if (!seen.Add(property.Name)) throw Error($"has the key '{property.Name}' twice in its header");
            if (property.Name == SafeTensors.MetadataKey) ReadMetadata(property.Value, metadata);
            else tensors.Add(ReadInfo(property.Name, property.Value));
        }
        tensors.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        return (tensors, metadata);
    }

    /// <summary>Checks that the tensors tile the data section exactly: in range, no gaps, no overlaps, no trailing bytes.</summary>
    public void CheckLayout(List<TensorInfo> tensors, long dataLength)
    {
        long expected = 0;
        foreach (var t in tensors)
        {
            if (t.End > dataLength)
                throw Error($"has tensor '{t.Name}' with data_offsets [{t.Begin}, {t.End}] beyond the {dataLength} data bytes in the file (truncated?)");
            if (t.Begin != expected)
                throw Error(t.Begin < expected
                    ? $"has tensor '{t.Name}' with data_offsets [{t.Begin}, {t.End}] overlapping the previous tensor, which ends at {expected}"
                    : $"has a gap before tensor '{t.Name}': its data starts at {t.Begin} but the previous tensor ends at {expected}");
            expected = t.End;
        }
        if (expected != dataLength)
            throw Error($"has {dataLength - expected} trailing bytes after the last tensor's data (which ends at {expected})");
    }

    private JsonDocument Parse(byte[] header)
    {
        try
        {
            // Trailing spaces are the format's padding; JSON allows them as whitespace.
            var doc = JsonDocument.Parse(header);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                doc.Dispose();
                throw Error("has a header that is not a JSON object");
            }
            return doc;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"SafeTensors.Load: file '{path}' has a header that is not valid JSON: {e.Message}", e);
        }
    }

    private void ReadMetadata(JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error($"has '{SafeTensors.MetadataKey}' that is not an object of strings");
        foreach (var entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
                throw Error($"has metadata '{entry.Name}' that is not a string ({entry.Value.ValueKind})");
            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    private TensorInfo ReadInfo(string name, JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) throw Error($"has tensor '{name}' whose description is not an object");
        var dtypeName = Field(name, element, "dtype", JsonValueKind.String).GetString()!;
        var dtype = SafeTensors.ParseDType(dtypeName)
            ?? throw Error($"has tensor '{name}' of dtype '{dtypeName}', which Nabla does not support (it reads F32, F64, I32, I64, BOOL)");
        var shape = Integers(name, Field(name, element, "shape", JsonValueKind.Array), "shape");
        var offsets = Integers(name, Field(name, element, "data_offsets", JsonValueKind.Array), "data_offsets");
        if (offsets.Length != 2) throw Error($"has tensor '{name}' with {offsets.Length} data_offsets instead of 2 (begin, end)");
        var (begin, end) = (offsets[0], offsets[1]);
        if (end < begin) throw Error($"has tensor '{name}' with data_offsets [{begin}, {end}] that end before they begin");
        long needed = TensorBytes.ByteCount(shape, dtype);
        if (needed < 0 || needed > int.MaxValue * (long)dtype.ElementSize() || shape.Any(d => d > int.MaxValue))
            throw Error($"has tensor '{name}' with shape {Format(shape)}, too large for a Nabla tensor");
        if (end - begin != needed)
            throw Error($"has tensor '{name}' with data_offsets [{begin}, {end}] ({end - begin} bytes) but shape {Format(shape)} of {dtypeName} needs {needed} bytes");
        var ints = shape.Select(d => (int)d).ToArray();
        if (!TensorBytes.IsRepresentable(ints))
            throw Error($"has tensor '{name}' with shape {Format(shape)}, which a Nabla tensor cannot hold (its dimensions multiply past 2^31 before the 0)");
        return new TensorInfo(name, dtype, ints, begin, end);
    }

    private JsonElement Field(string name, JsonElement element, string field, JsonValueKind kind)
    {
        if (!element.TryGetProperty(field, out var value)) throw Error($"has tensor '{name}' without '{field}'");
        if (value.ValueKind != kind) throw Error($"has tensor '{name}' whose '{field}' is {value.ValueKind}, not {kind}");
        return value;
    }

    private long[] Integers(string name, JsonElement array, string field)
    {
        var result = new List<long>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long v) || v < 0)
                throw Error($"has tensor '{name}' whose '{field}' holds {item.GetRawText()}, not a non-negative integer");
            result.Add(v);
        }
        return result.ToArray();
    }

    private static string Format(long[] shape) => "(" + string.Join(",", shape) + (shape.Length == 1 ? ",)" : ")");
}
