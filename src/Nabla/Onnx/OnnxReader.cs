using System.Buffers.Binary;
using Google.Protobuf;

namespace Nabla.Onnx;

/// <summary>
/// Parses ONNX protobuf bytes into <see cref="OnnxModel"/>: the fields Nabla uses are read (packed or not), the
/// rest skipped. Truncated or malformed bytes, unknown data types and inconsistent tensor sizes are
/// <see cref="InvalidDataException"/>s naming the problem.
/// </summary>
internal static class OnnxReader
{
    public static OnnxModel Read(byte[] bytes, string source)
    {
        try
        {
            return Model(bytes);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"Onnx: '{source}' is not a valid ONNX protobuf file ({e.Message})", e);
        }
    }

    private static OnnxModel Model(byte[] bytes)
    {
        var m = new OnnxModel();
        Fields(bytes, (field, i) =>
        {
            switch (field)
            {
                case 1: m.IrVersion = i.ReadInt64(); return true;
                case 2: m.ProducerName = i.ReadString(); return true;
                case 3: m.ProducerVersion = i.ReadString(); return true;
                case 7: m.Graph = Graph(i.ReadBytes().ToByteArray()); return true;
                case 8:
                    string domain = "";
                    long version = 0;
                    Fields(i.ReadBytes().ToByteArray(), (f, s) =>
                    {
                        if (f == 1) domain = s.ReadString();
                        else if (f == 2) version = s.ReadInt64();
                        else return false;
                        return true;
                    });
                    m.Opsets.Add((domain, version));
                    return true;
                default: return false;
            }
        });
        return m;
    }

    private static OnnxGraph Graph(byte[] bytes)
    {
        var g = new OnnxGraph();
        Fields(bytes, (field, i) =>
        {
            switch (field)
            {
                case 1: g.Nodes.Add(Node(i.ReadBytes().ToByteArray())); return true;
                case 2: g.Name = i.ReadString(); return true;
                case 5: g.Initializers.Add(Tensor(i.ReadBytes().ToByteArray())); return true;
                case 11: g.Inputs.Add(ValueInfo(i.ReadBytes().ToByteArray())); return true;
                case 12: g.Outputs.Add(ValueInfo(i.ReadBytes().ToByteArray())); return true;
                default: return false;
            }
        });
        return g;
    }

    private static OnnxNode Node(byte[] bytes)
    {
        var n = new OnnxNode();
        Fields(bytes, (field, i) =>
        {
            switch (field)
            {
                case 1: n.Inputs.Add(i.ReadString()); return true;
                case 2: n.Outputs.Add(i.ReadString()); return true;
                case 3: n.Name = i.ReadString(); return true;
                case 4: n.OpType = i.ReadString(); return true;
                case 5: n.Attributes.Add(Attribute(i.ReadBytes().ToByteArray())); return true;
                case 7: n.Domain = i.ReadString(); return true;
                default: return false;
            }
        });
        return n;
    }

    private static OnnxAttribute Attribute(byte[] bytes)
    {
        var a = new OnnxAttribute();
        Fields(bytes, (field, i) =>
        {
            switch (field)
            {
                case 1: a.Name = i.ReadString(); return true;
                case 2: a.F = i.ReadFloat(); return true;
                case 3: a.I = i.ReadInt64(); return true;
                case 4: a.S = i.ReadBytes().ToStringUtf8(); return true;
                case 5: a.T = Tensor(i.ReadBytes().ToByteArray()); return true;
                case 7: Floats(i, a.Floats); return true;
                case 8: Varints(i, a.Ints); return true;
                case 20: a.Type = i.ReadInt32(); return true;
                default: return false;
            }
        });
        return a;
    }

    private static OnnxTensor Tensor(byte[] bytes)
    {
        var t = new OnnxTensor();
        var dims = new List<long>();
        var floats = new List<double>();
        var ints = new List<long>();
        byte[]? raw = null;
        bool external = false;
        Fields(bytes, (field, i) =>
        {
            switch (field)
            {
                case 1: Varints(i, dims); return true;
                case 2: t.DataType = i.ReadInt32(); return true;
                case 4: Floats(i, floats); return true;
                case 5: Varints(i, ints); return true;
                case 7: Varints(i, ints); return true;
                case 8: t.Name = i.ReadString(); return true;
                case 9: raw = i.ReadBytes().ToByteArray(); return true;
                case 10: Doubles(i, floats); return true;
                case 13: i.SkipLastField(); external = true; return true;
                default: return false;
            }
        });
        t.Dims = [.. dims];
        if (external) throw new InvalidDataException($"Onnx: tensor '{t.Name}' keeps its data in an external file, which Nabla does not read");
        if (!OnnxDataType.IsSupported(t.DataType))
            throw new InvalidDataException($"Onnx: tensor '{t.Name}' has data type {t.DataType}; Nabla reads float (1), double (11), int32 (6) and int64 (7)");
        if (t.Dims.Any(d => d < 0)) throw new InvalidDataException($"Onnx: tensor '{t.Name}' has a negative dimension ({string.Join(",", t.Dims)})");
        long count = t.Count;
        if (raw is not null) Decode(t, raw, count);
        else if (OnnxDataType.IsFloat(t.DataType)) t.Floats = [.. floats];
        else t.Ints = [.. ints];
        long have = t.Floats?.LongLength ?? t.Ints!.LongLength;
        if (have != count)
            throw new InvalidDataException($"Onnx: tensor '{t.Name}' of shape ({string.Join(",", t.Dims)}) holds {have} values instead of {count}");
        return t;
    }

    private static void Decode(OnnxTensor t, byte[] raw, long count)
    {
        int size = t.DataType is OnnxDataType.Float or OnnxDataType.Int32 ? 4 : 8;
        if (raw.LongLength != count * size)
            throw new InvalidDataException($"Onnx: tensor '{t.Name}' of shape ({string.Join(",", t.Dims)}) has {raw.Length} bytes of raw data instead of {count * size}");
        int n = (int)count;
        switch (t.DataType)
        {
            case OnnxDataType.Float: t.Floats = Enumerable.Range(0, n).Select(k => (double)BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * k))).ToArray(); break;
            case OnnxDataType.Double: t.Floats = Enumerable.Range(0, n).Select(k => BinaryPrimitives.ReadDoubleLittleEndian(raw.AsSpan(8 * k))).ToArray(); break;
            case OnnxDataType.Int32: t.Ints = Enumerable.Range(0, n).Select(k => (long)BinaryPrimitives.ReadInt32LittleEndian(raw.AsSpan(4 * k))).ToArray(); break;
            default: t.Ints = Enumerable.Range(0, n).Select(k => BinaryPrimitives.ReadInt64LittleEndian(raw.AsSpan(8 * k))).ToArray(); break;
        }
    }

    private static OnnxValueInfo ValueInfo(byte[] bytes)
    {
        var v = new OnnxValueInfo();
        Fields(bytes, (field, i) =>
        {
            if (field == 1) v.Name = i.ReadString();
            else if (field == 2) TypeProto(i.ReadBytes().ToByteArray(), v);
            else return false;
            return true;
        });
        return v;
    }

    private static void TypeProto(byte[] bytes, OnnxValueInfo v) => Fields(bytes, (field, i) =>
    {
        if (field != 1) return false;
        Fields(i.ReadBytes().ToByteArray(), (f, t) =>
        {
            if (f == 1) v.ElemType = t.ReadInt32();
            else if (f == 2) v.Shape = Shape(t.ReadBytes().ToByteArray());
            else return false;
            return true;
        });
        return true;
    });

    private static List<(long, string?)> Shape(byte[] bytes)
    {
        var dims = new List<(long, string?)>();
        Fields(bytes, (field, i) =>
        {
            if (field != 1) return false;
            long value = 0;
            string? param = null;
            Fields(i.ReadBytes().ToByteArray(), (f, d) =>
            {
                if (f == 1) value = d.ReadInt64();
                else if (f == 2) param = d.ReadString();
                else return false;
                return true;
            });
            dims.Add((value, param ?? (value == 0 ? "?" : null)));
            return true;
        });
        return dims;
    }

    /// <summary>Runs <paramref name="field"/> on each field; when it returns false the field is skipped.</summary>
    private static void Fields(byte[] bytes, Func<int, CodedInputStream, bool> field)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            lastWireType = WireFormat.GetTagWireType(tag);
            if (!field(WireFormat.GetTagFieldNumber(tag), input)) input.SkipLastField();
        }
    }

    // The wire type of the field being read, for repeated numbers that may come packed or not. It is read
    // before any nested message is parsed, so nesting cannot overwrite it first.
    [ThreadStatic] private static WireFormat.WireType lastWireType;

    private static bool Packed(CodedInputStream _) => lastWireType == WireFormat.WireType.LengthDelimited;

    private static void Varints(CodedInputStream i, List<long> into)
    {
        if (!Packed(i)) { into.Add(i.ReadInt64()); return; }
        var inner = new CodedInputStream(i.ReadBytes().ToByteArray());
        while (!inner.IsAtEnd) into.Add(inner.ReadInt64());
    }

    private static void Floats(CodedInputStream i, List<double> into)
    {
        if (!Packed(i)) { into.Add(i.ReadFloat()); return; }
        var inner = new CodedInputStream(i.ReadBytes().ToByteArray());
        while (!inner.IsAtEnd) into.Add(inner.ReadFloat());
    }

    private static void Doubles(CodedInputStream i, List<double> into)
    {
        if (!Packed(i)) { into.Add(i.ReadDouble()); return; }
        var inner = new CodedInputStream(i.ReadBytes().ToByteArray());
        while (!inner.IsAtEnd) into.Add(inner.ReadDouble());
    }
}
