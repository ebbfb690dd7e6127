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
        switch (from.DType)
        {
            case DType.Float32: From<float>(from, dst); break;
            case DType.Float64: From<double>(from, dst); break;
            case DType.Int32: From<int>(from, dst); break;
            case DType.Int64: From<long>(from, dst); break;
            case DType.Bool: FromBool(from.Span<bool>(), dst); break;
        }
    }

    private static void From<TS>(Tensor src, Tensor dst) where TS : unmanaged, INumber<TS>
    {
        var s = src.Span<TS>();
        switch (dst.DType)
        {
            case DType.Float32: TensorPrimitives.ConvertTruncating(s, dst.Span<float>()); break;
            case DType.Float64: TensorPrimitives.ConvertTruncating(s, dst.Span<double>()); break;
            case DType.Int32: ToInteger(s, dst.Span<int>()); break;
            case DType.Int64: ToInteger(s, dst.Span<long>()); break;
            case DType.Bool: ToBool(s, dst.Span<bool>()); break;
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

    private static void FromBool(ReadOnlySpan<bool> s, Tensor dst)
    {
        switch (dst.DType)
        {
            case DType.Float32: FromBool(s, dst.Span<float>()); break;
            case DType.Float64: FromBool(s, dst.Span<double>()); break;
            case DType.Int32: FromBool(s, dst.Span<int>()); break;
            case DType.Int64: FromBool(s, dst.Span<long>()); break;
        }
    }

    private static void FromBool<TD>(ReadOnlySpan<bool> s, Span<TD> d) where TD : unmanaged, INumber<TD>
    {
        for (int i = 0; i < s.Length; i++) d[i] = s[i] ? TD.One : TD.Zero;
    }
}
