using System.Buffers.Binary;

namespace Nabla.Tests.Fuzz;

/// <summary>
/// An independent reading of raw IDX files of unsigned bytes for the fuzz tests: magic 0x0000 08 nn, nn big-endian
/// dimensions (each a non-negative int32), then exactly their product of bytes, of a size a Tensor can hold.
/// </summary>
internal static class IdxReference
{
    public static (int[] Shape, byte[] Data)? Read(byte[] file, int dims)
    {
        int header = 4 + 4 * dims;
        if (file.Length < header || BinaryPrimitives.ReadUInt32BigEndian(file) != (uint)(0x0800 | dims)) return null;
        var shape = new long[dims];
        for (int i = 0; i < dims; i++) shape[i] = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(4 + 4 * i));
        if (!Reference.Representable(shape)) return null;
        var size = shape.Aggregate(System.Numerics.BigInteger.One, (a, d) => a * d);
        if (size != file.Length - header) return null;
        return (shape.Select(d => (int)d).ToArray(), file[header..]);
    }
}
