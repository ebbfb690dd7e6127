using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// The raw bytes of tensors as checkpoint formats store them: C order, little-endian, one byte per bool.
/// </summary>
internal static class TensorBytes
{
    /// <summary>The number of data bytes of a tensor of this shape and dtype, or -1 when it overflows.</summary>
    public static long ByteCount(ReadOnlySpan<long> shape, DType dtype)
    {
        long count = dtype.ElementSize();
        foreach (long d in shape)
        {
            if (d < 0) return -1;
            if (d != 0 && count > long.MaxValue / d) return -1;
            count *= d;
        }
        return count;
    }

    /// <summary>
    /// Whether a Tensor can have this shape: it counts elements left to right and refuses a running product past
    /// the largest array, even when a later 0 would empty it. Readers check this to refuse such files cleanly.
    /// </summary>
    public static bool IsRepresentable(int[] shape)
    {
        try
        {
            ShapeUtil.Size(shape);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Writes the elements of <paramref name="tensor"/> in C order as little-endian bytes.</summary>
    public static void Write(Stream stream, Tensor tensor) => tensor.WriteLittleEndian(stream);

    /// <summary>
    /// Reads a tensor of <paramref name="shape"/> and <paramref name="dtype"/> from little-endian bytes; bool bytes
    /// other than 0 count as true, as in NumPy.
    /// </summary>
    public static Tensor Read(Stream stream, DType dtype, int[] shape)
    {
        // Tensor's own count: an empty shape such as (2147483647, 2, 0) must not overflow on its way to 0.
        int size = ShapeUtil.Size(shape, "TensorBytes.Read");
        return Tensor.ReadLittleEndian(stream, dtype, shape, size);
    }
}
