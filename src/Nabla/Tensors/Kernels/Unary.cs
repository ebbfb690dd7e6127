using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Tensors.Kernels;

/// <summary>Elementwise functions on contiguous spans, in place or into a destination of the same length.</summary>
internal static class Unary
{
    /// <summary>True for the functions that only make sense on floats (integer inputs are converted first).</summary>
    public static bool IsFloatOnly(UnaryOp op) => op is not (UnaryOp.Neg or UnaryOp.Abs or UnaryOp.Sign);

    /// <summary>dst = op(src) for contiguous tensors of one size, split across threads when long.</summary>
    public static void Run(UnaryOp op, Tensor src, Tensor dst)
    {
        int pieces = Chunks.Count(dst.Size);
        if (pieces == 1) Range(op, src, dst, 0, dst.Size);
        else RunParallel(op, src, dst, pieces);
    }

    // Apart from Run so that the lambda's closure is only allocated when threads are used.
    private static void RunParallel(UnaryOp op, Tensor src, Tensor dst, int pieces) =>
        Chunks.For(dst.Size, pieces, (start, length) => Range(op, src, dst, start, length));

    private static void Range(UnaryOp op, Tensor src, Tensor dst, int start, int length)
    {
        switch (dst.DType)
        {
            case DType.Float32: Floats(op, src.Span<float>().Slice(start, length), dst.Span<float>().Slice(start, length)); break;
            case DType.Float64: Floats(op, src.Span<double>().Slice(start, length), dst.Span<double>().Slice(start, length)); break;
            case DType.Int32: Integers(op, src.Span<int>().Slice(start, length), dst.Span<int>().Slice(start, length)); break;
            case DType.Int64: Integers(op, src.Span<long>().Slice(start, length), dst.Span<long>().Slice(start, length)); break;
            default: throw new ArgumentException($"{op}: dtype {dst.DType.Name()} is not supported");
        }
    }

    private static void Floats<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(x, d); break;
            case UnaryOp.Abs: TensorPrimitives.Abs(x, d); break;
            case UnaryOp.Sign: Sign(x, d); break;
            case UnaryOp.Exp: TensorPrimitives.Exp(x, d); break;
            case UnaryOp.Log: TensorPrimitives.Log(x, d); break;
            case UnaryOp.Sqrt: TensorPrimitives.Sqrt(x, d); break;
            case UnaryOp.Sin: TensorPrimitives.Sin(x, d); break;
            case UnaryOp.Cos: TensorPrimitives.Cos(x, d); break;
            case UnaryOp.Tan: TensorPrimitives.Tan(x, d); break;
            case UnaryOp.Tanh: TensorPrimitives.Tanh(x, d); break;
            default: throw new ArgumentOutOfRangeException(nameof(op));
        }
    }

    private static void Integers<T>(UnaryOp op, ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IBinaryInteger<T>
    {
        switch (op)
        {
            case UnaryOp.Neg: TensorPrimitives.Negate(x, d); break;
            // T.Abs throws on MinValue; NumPy's abs wraps there (abs(int32 min) is int32 min), as unchecked negation does.
            case UnaryOp.Abs: for (int i = 0; i < x.Length; i++) d[i] = x[i] < T.Zero ? -x[i] : x[i]; break;
            case UnaryOp.Sign: for (int i = 0; i < x.Length; i++) d[i] = T.CreateTruncating(T.Sign(x[i])); break;
            default: throw new ArgumentException($"{op}: needs a float tensor");
        }
    }

    // Math.Sign throws on NaN; NumPy's sign(nan) is nan, and sign(-0.0) is 0.
    private static void Sign<T>(ReadOnlySpan<T> x, Span<T> d) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            T v = x[i];
            d[i] = T.IsNaN(v) ? v : v > T.Zero ? T.One : v < T.Zero ? -T.One : T.Zero;
        }
    }
}
