using System.Runtime.InteropServices;

namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>Writes the elements in C order as little-endian bytes (one byte per bool), from the host.</summary>
    internal void WriteLittleEndian(Stream stream)
    {
        var host = ToCpu().Contiguous();
        int elementSize = DType.ElementSize();
        var bytes = BytesOf((Array)host.storage).Slice(host.offset * elementSize, Size * elementSize);
        if (BitConverter.IsLittleEndian || elementSize == 1)
        {
            stream.Write(bytes);
            return;
        }
        var swapped = bytes.ToArray();
        ReverseElements(swapped, elementSize);
        stream.Write(swapped);
    }

    /// <summary>
    /// A CPU tensor of <paramref name="shape"/> (<paramref name="size"/> elements) read from little-endian bytes;
    /// bool bytes other than 0 count as true, as in NumPy.
    /// </summary>
    internal static Tensor ReadLittleEndian(Stream stream, DType dtype, int[] shape, int size)
    {
        var storage = NewStorage(dtype, size);
        var bytes = BytesOf(storage);
        stream.ReadExactly(bytes);
        if (dtype == DType.Bool)
            for (int i = 0; i < bytes.Length; i++) bytes[i] = bytes[i] != 0 ? (byte)1 : (byte)0;
        else if (!BitConverter.IsLittleEndian)
            ReverseElements(bytes, dtype.ElementSize());
        return new Tensor(storage, shape);
    }

    private static Span<byte> BytesOf(Array storage) => storage switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new ArgumentException($"Tensor: storage of type {storage.GetType().Name} is not supported"),
    };

    private static void ReverseElements(Span<byte> bytes, int elementSize)
    {
        for (int i = 0; i < bytes.Length; i += elementSize) bytes.Slice(i, elementSize).Reverse();
    }
}
