using System.Buffers.Binary;
using System.Text;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// NumPy's <c>.npy</c> format: the magic <c>\x93NUMPY</c>, a version, a little-endian header length, a Python
/// dict literal <c>{'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }</c> padded with spaces and a
/// newline so that the data starts on a 64-byte boundary, then the data. Files are written exactly as
/// <c>numpy.save</c> writes them (version 1.0, C order); versions 1.0, 2.0 and 3.0 and Fortran order are read.
/// </summary>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    // NumPy aligns the data to 64 bytes and leaves room for shape[0] to grow to 21 digits in place.
    private const int ArrayAlign = 64;
    private const int GrowthAxisMaxDigits = 21;

    /// <summary>Saves one tensor as a <c>.npy</c> file, replacing any previous file atomically.</summary>
    public static void Save(string path, Tensor tensor)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensor);
        AtomicFile.Write(path, stream => Write(stream, tensor));
    }

    /// <summary>Loads a <c>.npy</c> file; <c>|u1</c> (uint8) data is widened to Int32 and Fortran-ordered data is returned in C order.</summary>
    /// <exception cref="InvalidDataException">The file is not a supported NPY file; the message names the file and the problem.</exception>
    public static Tensor Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Read(stream, stream.Length, $"Npy.Load: file '{path}'");
    }

    /// <summary>Writes the NPY header and data of <paramref name="tensor"/>.</summary>
    internal static void Write(Stream stream, Tensor tensor)
    {
        stream.Write(Header(tensor));
        TensorBytes.Write(stream, tensor);
    }

    /// <summary>The bytes <c>numpy.save</c> puts before the data of an array of this dtype and shape.</summary>
    internal static byte[] Header(Tensor tensor)
    {
        var shape = tensor.Shape;
        var dict = $"{{'descr': '{Descr(tensor.DType)}', 'fortran_order': False, 'shape': {ShapeRepr(shape)}, }}";
        if (shape.Length > 0) dict += new string(' ', Math.Max(0, GrowthAxisMaxDigits - shape[0].ToString().Length));
        int headerLength = dict.Length + 1;
        // Version 1.0 unless the padded header outgrows its 16-bit length, as numpy.save decides.
        bool v1 = headerLength + Padding(10, headerLength) <= ushort.MaxValue;
        int prefix = v1 ? 10 : 12;
        int pad = Padding(prefix, headerLength);
        var bytes = new byte[prefix + headerLength + pad];
        Magic.CopyTo(bytes, 0);
        bytes[6] = v1 ? (byte)1 : (byte)2;
        if (v1) BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(8), (ushort)(headerLength + pad));
        else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), (uint)(headerLength + pad));
        Encoding.Latin1.GetBytes(dict, bytes.AsSpan(prefix));
        bytes.AsSpan(prefix + dict.Length, pad).Fill((byte)' ');
        bytes[^1] = (byte)'\n';
        return bytes;
    }

    /// <summary>NumPy's padding: up to the next multiple of 64, and a whole 64 when already aligned.</summary>
    private static int Padding(int prefix, int headerLength) => ArrayAlign - (prefix + headerLength) % ArrayAlign;

    /// <summary>Reads one array whose header and data fill exactly <paramref name="length"/> bytes of <paramref name="stream"/>.</summary>
    /// <param name="stream">Positioned at the magic bytes.</param>
    /// <param name="length">The bytes the array occupies from there on: anything else is truncation or trailing junk.</param>
    /// <param name="source">The start of every error message, e.g. <c>Npz.Load: file 'a.npz', entry 'w.npy'</c>.</param>
    internal static Tensor Read(Stream stream, long length, string source)
    {
        var header = NpyHeader.Read(stream, length, source);
        long dataLength = length - header.Size;
        if (dataLength != header.DataBytes)
            throw new InvalidDataException(dataLength < header.DataBytes
                ? $"{source} holds {dataLength} data bytes but shape {header.ShapeText} of '{header.Descr}' needs {header.DataBytes} (truncated)"
                : $"{source} has {dataLength - header.DataBytes} trailing bytes after the data of shape {header.ShapeText} of '{header.Descr}'");
        // An empty array reads the same in either order; its reversed shape might not even be a valid tensor shape.
        bool transpose = header.FortranOrder && header.DataBytes > 0;
        var storedShape = transpose ? header.Shape.Reverse().ToArray() : header.Shape;
        var tensor = header.Descr == "|u1" ? ReadBytesAsInt32(stream, storedShape) : TensorBytes.Read(stream, header.DType, storedShape);
        // Fortran order is C order of the reversed shape: reversing the axes back gives the array.
        return transpose ? tensor.Transpose().Contiguous() : tensor;
    }

    private static Tensor ReadBytesAsInt32(Stream stream, int[] shape)
    {
        var bytes = new byte[ShapeUtil.Size(shape, "Npy.Load")];
        stream.ReadExactly(bytes);
        var values = new int[bytes.Length];
        for (int i = 0; i < bytes.Length; i++) values[i] = bytes[i];
        return Tensor.FromHostArray(values, shape);
    }

    /// <summary>The NumPy type string of a dtype, e.g. <c>&lt;f4</c>.</summary>
    internal static string Descr(DType dtype) => dtype switch
    {
        DType.Bool => "|b1",
        DType.Int32 => "<i4",
        DType.Int64 => "<i8",
        DType.Float32 => "<f4",
        DType.Float64 => "<f8",
        _ => throw new ArgumentException($"Npy: dtype {dtype} cannot be saved"),
    };

    /// <summary>Python's repr of a shape tuple: <c>()</c>, <c>(5,)</c>, <c>(2, 3)</c>.</summary>
    internal static string ShapeRepr(IReadOnlyList<long> shape) =>
        shape.Count == 1 ? $"({shape[0]},)" : "(" + string.Join(", ", shape) + ")";

    private static string ShapeRepr(int[] shape) => ShapeRepr(shape.Select(d => (long)d).ToArray());
}
