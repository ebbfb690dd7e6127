using System.Buffers.Binary;
using System.Text;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>The parsed and validated header of one NPY array.</summary>
internal sealed record NpyHeader(string Descr, DType DType, bool FortranOrder, int[] Shape, long DataBytes, long Size)
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>The shape as Python prints it.</summary>
    public string ShapeText => Npy.ShapeRepr(Shape.Select(d => (long)d).ToArray());

    /// <summary>Reads the magic, version and header dict from the start of <paramref name="stream"/>.</summary>
    public static NpyHeader Read(Stream stream, long length, string source)
    {
        if (length < 10) throw Error(source, $"is {length} bytes long, too short for an NPY header");
        Span<byte> start = stackalloc byte[8];
        stream.ReadExactly(start);
        if (!start[..6].SequenceEqual(Magic))
            throw Error(source, $"is not an NPY file: it starts with {Convert.ToHexString(start[..6])}, not the magic 934E554D5059 (\\x93NUMPY)");
        int major = start[6], minor = start[7];
        if (major is < 1 or > 3 || minor != 0)
            throw Error(source, $"has NPY format version {major}.{minor}; versions 1.0, 2.0 and 3.0 are supported");
        int prefix = major == 1 ? 10 : 12;
        if (length < prefix) throw Error(source, $"is {length} bytes long, too short for an NPY {major}.0 header");
        long headerLength = ReadLength(stream, major);
        if (headerLength > length - prefix)
            throw Error(source, $"declares a {headerLength}-byte header but only {length - prefix} bytes follow (truncated)");
        var text = new byte[headerLength];
        stream.ReadExactly(text);
        // Versions 1 and 2 store the header in latin-1, version 3 in UTF-8.
        string dict = major == 3 ? Encoding.UTF8.GetString(text) : Encoding.Latin1.GetString(text);
        return FromDict(dict, source, prefix + headerLength);
    }

    private static long ReadLength(Stream stream, int major)
    {
        Span<byte> buffer = stackalloc byte[4];
        if (major == 1)
        {
            stream.ReadExactly(buffer[..2]);
            return BinaryPrimitives.ReadUInt16LittleEndian(buffer);
        }
        stream.ReadExactly(buffer);
        return BinaryPrimitives.ReadUInt32LittleEndian(buffer);
    }

    private static NpyHeader FromDict(string text, string source, long size)
    {
        Dictionary<string, object> dict;
        try
        {
            dict = PythonLiteral.ParseDict(text);
        }
        catch (FormatException e)
        {
            throw Error(source, $"has a malformed header {Quote(text)}: {e.Message}");
        }
        var keys = dict.Keys.Order(StringComparer.Ordinal).ToArray();
        if (!keys.SequenceEqual(["descr", "fortran_order", "shape"]))
            throw Error(source, $"has header keys [{string.Join(", ", keys)}]; NPY headers have exactly descr, fortran_order and shape");
        if (dict["descr"] is not string descr)
            throw Error(source, $"has a descr that is not a simple type string (structured dtypes are not supported): {Quote(text)}");
        if (dict["fortran_order"] is not bool fortran) throw Error(source, "has a fortran_order that is not True or False");
        if (dict["shape"] is not long[] shape) throw Error(source, "has a shape that is not a tuple of integers");
        var (dtype, itemSize) = ParseDescr(descr, source);
        return new NpyHeader(descr, dtype, fortran, CheckedShape(shape, source), ByteCount(shape, itemSize), size);
    }

    private static (DType DType, int ItemSize) ParseDescr(string descr, string source) => descr switch
    {
        "<f4" => (DType.Float32, 4),
        "<f8" => (DType.Float64, 8),
        "<i4" => (DType.Int32, 4),
        "<i8" => (DType.Int64, 8),
        "|b1" => (DType.Bool, 1),
        "|u1" => (DType.Int32, 1),
        _ => throw Error(source, $"has dtype '{descr}', which Nabla does not read (it reads '<f4', '<f8', '<i4', '<i8', '|b1', '|u1')"),
    };

    private static int[] CheckedShape(long[] shape, string source)
    {
        long size = 1;
        foreach (long d in shape)
        {
            if (d < 0) throw Error(source, $"has a negative dimension in shape {Npy.ShapeRepr(shape)}");
            size = d == 0 || size == 0 ? 0 : size > int.MaxValue / d ? long.MaxValue : size * d;
            if (size > int.MaxValue || d > int.MaxValue)
                throw Error(source, $"has shape {Npy.ShapeRepr(shape)}, too large for a Nabla tensor");
        }
        var ints = shape.Select(d => (int)d).ToArray();
        if (!TensorBytes.IsRepresentable(ints))
            throw Error(source, $"has shape {Npy.ShapeRepr(shape)}, which a Nabla tensor cannot hold (its dimensions multiply past 2^31 before the 0)");
        return ints;
    }

    private static long ByteCount(long[] shape, int itemSize) =>
        shape.Aggregate((long)itemSize, (acc, d) => acc * d);

    private static string Quote(string text) => "\"" + text.TrimEnd() + "\"";

    private static InvalidDataException Error(string source, string what) => new($"{source} {what}");
}
