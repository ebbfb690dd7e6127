using Nabla.Tensors;

namespace Nabla.Tests.Fuzz;

/// <summary>An array as the independent readers of the fuzz tests see it: a kind, a shape, and each element's bits in C order.</summary>
internal sealed record Reference(DType DType, long[] Shape, long[] Bits)
{
    /// <summary>Whether <paramref name="t"/> holds exactly this array (floats bit for bit, bools as 0/1).</summary>
    public bool Matches(Tensor t) =>
        t.DType == DType && t.Shape.Select(d => (long)d).SequenceEqual(Shape) && BitsOf(t).SequenceEqual(Bits);

    public static long[] BitsOf(Tensor t) => t.DType switch
    {
        DType.Float32 => t.ToArray<float>().Select(v => (long)BitConverter.SingleToInt32Bits(v)).ToArray(),
        DType.Float64 => t.ToArray<double>().Select(BitConverter.DoubleToInt64Bits).ToArray(),
        DType.Int32 => t.ToArray<int>().Select(v => (long)v).ToArray(),
        DType.Int64 => t.ToArray<long>(),
        DType.Bool => t.ToArray<bool>().Select(v => v ? 1L : 0L).ToArray(),
        _ => throw new NotSupportedException(t.DType.ToString()),
    };

    /// <summary>Whether Nabla's Tensor can have this shape (its element count, taken left to right, stays within an array).</summary>
    public static bool Representable(long[] shape)
    {
        long size = 1;
        foreach (long d in shape)
        {
            if (d < 0 || d > int.MaxValue) return false;
            size *= d;
            if (size > Array.MaxLength) return false;
        }
        return true;
    }

    /// <summary>The element bits of a little-endian buffer (bools: any nonzero byte is 1; u1 widens).</summary>
    public static long[] Decode(ReadOnlySpan<byte> data, int itemSize, bool isFloat, bool isBool)
    {
        int n = data.Length / itemSize;
        var bits = new long[n];
        for (int i = 0; i < n; i++)
        {
            var item = data.Slice(i * itemSize, itemSize);
            long v = 0;
            for (int k = itemSize - 1; k >= 0; k--) v = (v << 8) | item[k];
            if (isBool) v = v != 0 ? 1 : 0;
            else if (itemSize == 4 && !isFloat) v = (int)v;         // sign-extend int32
            else if (itemSize == 4) v = (int)(uint)v;               // float32 bits as Int32 bits
            bits[i] = v;
        }
        return bits;
    }
}
