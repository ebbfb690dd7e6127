using System.Buffers.Binary;
using Google.Protobuf;

namespace Nabla.Onnx;

/// <summary>
/// Serializes <see cref="OnnxModel"/> to protobuf bytes with the field numbers of the ONNX format (onnx.proto):
/// each message is written to its own buffer and embedded as a length-delimited field.
/// </summary>
internal static class OnnxWriter
{
    public static byte[] Write(OnnxModel model) => Message(o =>
    {
        Int64(o, 1, model.IrVersion);
        Str(o, 2, model.ProducerName);
        Str(o, 3, model.ProducerVersion);
        if (model.Graph is { } g) Sub(o, 7, Graph(g));
        foreach (var (domain, version) in model.Opsets)
            Sub(o, 8, Message(s => { Str(s, 1, domain); Int64(s, 2, version); }));
    });

    private static byte[] Graph(OnnxGraph g) => Message(o =>
    {
        foreach (var n in g.Nodes) Sub(o, 1, Node(n));
        Str(o, 2, g.Name);
        foreach (var t in g.Initializers) Sub(o, 5, Tensor(t));
        foreach (var v in g.Inputs) Sub(o, 11, ValueInfo(v));
        foreach (var v in g.Outputs) Sub(o, 12, ValueInfo(v));
    });

    private static byte[] Node(OnnxNode n) => Message(o =>
    {
        foreach (var s in n.Inputs) { o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString(s); }
        foreach (var s in n.Outputs) { o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteString(s); }
        Str(o, 3, n.Name);
        Str(o, 4, n.OpType);
        foreach (var a in n.Attributes) Sub(o, 5, Attribute(a));
        Str(o, 7, n.Domain);
    });

    private static byte[] Attribute(OnnxAttribute a) => Message(o =>
    {
        Str(o, 1, a.Name);
        switch (a.Type)
        {
            case OnnxAttributeType.Float: o.WriteTag(2, WireFormat.WireType.Fixed32); o.WriteFloat((float)a.F); break;
            case OnnxAttributeType.Int: o.WriteTag(3, WireFormat.WireType.Varint); o.WriteInt64(a.I); break;
            case OnnxAttributeType.String: o.WriteTag(4, WireFormat.WireType.LengthDelimited); o.WriteString(a.S); break;
            case OnnxAttributeType.Tensor: Sub(o, 5, Tensor(a.T!)); break;
            case OnnxAttributeType.Floats:
                foreach (var f in a.Floats) { o.WriteTag(7, WireFormat.WireType.Fixed32); o.WriteFloat((float)f); }
                break;
            case OnnxAttributeType.Ints:
                foreach (var i in a.Ints) { o.WriteTag(8, WireFormat.WireType.Varint); o.WriteInt64(i); }
                break;
            default: throw new InvalidOperationException($"Onnx: cannot write attribute '{a.Name}' of type {a.Type}");
        }
        o.WriteTag(20, WireFormat.WireType.Varint);
        o.WriteInt32(a.Type);
    });

    private static byte[] Tensor(OnnxTensor t) => Message(o =>
    {
        foreach (var d in t.Dims) { o.WriteTag(1, WireFormat.WireType.Varint); o.WriteInt64(d); }
        o.WriteTag(2, WireFormat.WireType.Varint);
        o.WriteInt32(t.DataType);
        Str(o, 8, t.Name);
        o.WriteTag(9, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(RawData(t)));
    });

    /// <summary>The values as raw_data: little-endian, as the format prescribes whatever the machine.</summary>
    private static byte[] RawData(OnnxTensor t)
    {
        // The values held, not the count the dims imply: a reader checks that they agree.
        int n = t.Floats?.Length ?? t.Ints?.Length ?? 0;
        switch (t.DataType)
        {
            case OnnxDataType.Float:
            {
                var bytes = new byte[4 * n];
                for (int i = 0; i < n; i++) BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(4 * i), (float)t.Floats![i]);
                return bytes;
            }
            case OnnxDataType.Double:
            {
                var bytes = new byte[8 * n];
                for (int i = 0; i < n; i++) BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), t.Floats![i]);
                return bytes;
            }
            case OnnxDataType.Int64:
            {
                var bytes = new byte[8 * n];
                for (int i = 0; i < n; i++) BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(8 * i), t.Ints![i]);
                return bytes;
            }
            case OnnxDataType.Int32:
            {
                var bytes = new byte[4 * n];
                for (int i = 0; i < n; i++) BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4 * i), checked((int)t.Ints![i]));
                return bytes;
            }
            default: throw new InvalidOperationException($"Onnx: cannot write tensor '{t.Name}' of data type {t.DataType}");
        }
    }

    private static byte[] ValueInfo(OnnxValueInfo v) => Message(o =>
    {
        Str(o, 1, v.Name);
        var shape = v.Shape is null ? null : Message(s =>
        {
            foreach (var (value, param) in v.Shape)
                Sub(s, 1, Message(d =>
                {
                    if (param is not null) Str(d, 2, param);
                    else { d.WriteTag(1, WireFormat.WireType.Varint); d.WriteInt64(value); }
                }));
        });
        var tensorType = Message(t =>
        {
            t.WriteTag(1, WireFormat.WireType.Varint);
            t.WriteInt32(v.ElemType);
            if (shape is not null) Sub(t, 2, shape);
        });
        Sub(o, 2, Message(t => Sub(t, 1, tensorType)));
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        using (var o = new CodedOutputStream(buffer, leaveOpen: true))
        {
            write(o);
            o.Flush();
        }
        return buffer.ToArray();
    }

    private static void Sub(CodedOutputStream o, int field, byte[] message)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(message));
    }

    private static void Str(CodedOutputStream o, int field, string value)
    {
        if (value.Length == 0) return;
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }

    private static void Int64(CodedOutputStream o, int field, long value)
    {
        o.WriteTag(field, WireFormat.WireType.Varint);
        o.WriteInt64(value);
    }
}
