using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Dtype conversion into a contiguous destination of the same shape. Floats to integers truncate toward
/// zero (as NumPy's astype does); anything to Bool is "not zero"; Bool to numbers is 1 or 0.
/// </summary>
internal static class Convert
{
    public static void Run(Tensor src, Tensor dst)
    {
        if (src.DType == dst.DType)
        {
            Copy.Run(src, dst);
            return;
        }
        var from = src.Contiguous();
        int pieces = Chunks.Count(dst.Size);
        if (pieces == 1) Range(from, dst, 0, dst.Size);
        else RunParallel(from, dst, pieces);
    }

    private static void RunParallel(Tensor from, Tensor dst, int pieces) =>
        Chunks.For(dst.Size, pieces, (start, length) => Range(from, dst, start, length));

    private static void Range(Tensor from, Tensor dst, int start, int length)
    {
        switch (from.DType)
        {
            case DType.Float32: From(from.Span<float>().Slice(start, length), dst, start); break;
            case DType.Float64: From(from.Span<double>().Slice(start, length), dst, start); break;
            case DType.Int32: From(from.Span<int>().Slice(start, length), dst, start); break;
            case DType.Int64: From(from.Span<long>().Slice(start, length), dst, start); break;
            case DType.Bool: FromBool(from.Span<bool>().Slice(start, length), dst, start); break;
        }
    }

    private static void From<TS>(ReadOnlySpan<TS> s, Tensor dst, int start) where TS : unmanaged, INumber<TS>
    {
        switch (dst.DType)
        {
            case DType.Float32: TensorPrimitives.ConvertTruncating(s, dst.Span<float>().Slice(start, s.Length)); break;
            case DType.Float64: TensorPrimitives.ConvertTruncating(s, dst.Span<double>().Slice(start, s.Length)); break;
            case DType.Int32: ToInteger(s, dst.Span<int>().Slice(start, s.Length)); break;
            case DType.Int64: ToInteger(s, dst.Span<long>().Slice(start, s.Length)); break;
            case DType.Bool: ToBool(s, dst.Span<bool>().Slice(start, s.Length)); break;
        }
    }

    // Scalar on purpose: the vectorised float-to-int conversions differ from C#'s casts on out-of-range values.
    private static void ToInteger<TS, TD>(ReadOnlySpan<TS> s, Span<TD> d)
        where TS : unmanaged, INumber<TS> where TD : unmanaged, INumber<TD>
    {
        for (int i = 0; i < s.Length; i++) d[i] = TD.CreateSaturating(s[i]);
    }

    private static void ToBool<TS>(ReadOnlySpan<TS> s, Span<bool> d) where TS : unmanaged, INumber<TS>
    {
        for (int i = 0; i < s.Length; i++) d[i] = s[i] != TS.Zero;
    }

    private static void FromBool(ReadOnlySpan<bool> s, Tensor dst, int start)
    {
        switch (dst.DType)
        {
            case DType.Float32: FromBool(s, dst.Span<float>().Slice(start, s.Length)); break;
            case DType.Float64: FromBool(s, dst.Span<double>().Slice(start, s.Length)); break;
            case DType.Int32: FromBool(s, dst.Span<int>().Slice(start, s.Length)); break;
            case DType.Int64: FromBool(s, dst.Span<long>().Slice(start, s.Length)); break;
        }
    }

    private static void FromBool<TD>(ReadOnlySpan<bool> s, Span<TD> d) where TD : unmanaged, INumber<TD>
    {
        for (int i = 0; i < s.Length; i++) d[i] = s[i] ? TD.One : TD.Zero;
    }
}
