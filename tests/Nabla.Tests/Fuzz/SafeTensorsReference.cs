using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Nabla.Tensors;

namespace Nabla.Tests.Fuzz;

/// <summary>
/// An independent reading of safetensors for the fuzz tests, from the format's rules (the reference Rust reader):
/// an 8-byte length, a UTF-8 JSON object starting with '{' (strings must be valid Unicode), tensors whose
/// data_offsets tile the data exactly, each of numel * itemsize bytes. Written over Utf8JsonReader tokens rather
/// than JsonDocument, which Nabla uses. Returns null where it refuses.
/// </summary>
internal static class SafeTensorsReference
{
    public static Dictionary<string, Reference>? Read(byte[] file)
    {
        if (file.Length < 8) return null;
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (n > (ulong)(file.Length - 8) || n > 100_000_000 || n == 0 || file[8] != (byte)'{') return null;
        var header = file.AsSpan(8, (int)n);
        if (!IsValidUtf8(header)) return null;
        var infos = new List<(string Name, DType DType, int Size, long[] Shape, long Begin, long End)>();
        try
        {
            var reader = new Utf8JsonReader(header);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
            var names = new HashSet<string>();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (!names.Add(name) || HasLoneSurrogate(name)) return null;
                reader.Read();
                if (name == "__metadata__")
                {
                    if (!SkipStringMap(ref reader)) return null;
                    continue;
                }
                if (Info(ref reader) is not var (dtype, size, shape, begin, end)) return null;
                infos.Add((name, dtype, size, shape, begin, end));
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
        return Tensors(file, 8 + (long)n, infos);
    }

    private static Dictionary<string, Reference>? Tensors(byte[] file, long dataStart,
        List<(string Name, DType DType, int Size, long[] Shape, long Begin, long End)> infos)
    {
        long dataLength = file.Length - dataStart, expected = 0;
        var result = new Dictionary<string, Reference>();
        foreach (var t in infos.OrderBy(t => t.Begin).ThenBy(t => t.End))
        {
            if (t.Begin != expected || t.End < t.Begin || t.End > dataLength) return null;
            var numel = t.Shape.Aggregate(BigInteger.One, (a, d) => a * d);
            if (numel * t.Size != t.End - t.Begin || !Reference.Representable(t.Shape)) return null;
            var bytes = file.AsSpan((int)(dataStart + t.Begin), (int)(t.End - t.Begin));
            result[t.Name] = new Reference(t.DType, t.Shape, Reference.Decode(bytes, t.Size, t.DType.IsFloat(), t.DType == DType.Bool));
            expected = t.End;
        }
        return expected == dataLength ? result : null;
    }

    /// <summary>A tensor description {"dtype": "F32", "shape": [..], "data_offsets": [b, e]}; other fields are ignored.</summary>
    private static (DType, int, long[], long, long)? Info(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return null;
        string? dtype = null;
        long[]? shape = null, offsets = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string field = reader.GetString()!;
            reader.Read();
            switch (field)
            {
                case "dtype":
                    if (reader.TokenType != JsonTokenType.String) return null;
                    dtype = reader.GetString();
                    break;
                case "shape":
                    shape = Integers(ref reader);
                    if (shape is null) return null;
                    break;
                case "data_offsets":
                    offsets = Integers(ref reader);
                    if (offsets is null) return null;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (dtype is null || shape is null || offsets is not { Length: 2 }) return null;
        (DType, int)? kind = dtype switch
        {
            "F32" => (DType.Float32, 4), "F64" => (DType.Float64, 8), "I32" => (DType.Int32, 4), "I64" => (DType.Int64, 8), "BOOL" => (DType.Bool, 1),
            _ => null,
        };
        return kind is var (dt, size) ? (dt, size, shape, offsets[0], offsets[1]) : null;
    }

    private static long[]? Integers(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray) return null;
        var values = new List<long>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long v) || v < 0) return null;
            values.Add(v);
        }
        return values.ToArray();
    }

    private static bool SkipStringMap(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (HasLoneSurrogate(reader.GetString()!)) return false;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String || HasLoneSurrogate(reader.GetString()!)) return false;
        }
        return true;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, true).GetCharCount(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            else if (char.IsSurrogate(s[i])) return true;
        }
        return false;
    }
}
