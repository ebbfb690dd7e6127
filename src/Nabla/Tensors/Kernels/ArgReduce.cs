using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Tensors.Kernels;

/// <summary>ArgMax/ArgMin along the last axis of a contiguous tensor: one index per row, the first on ties and NaN.</summary>
internal static class ArgReduce
{
    public static void Run(bool max, Tensor src, long[] dst, int rowLength)
    {
        switch (src.DType)
        {
            case DType.Float32: Run<float>(max, src.Span<float>(), dst, rowLength); break;
            case DType.Float64: Run<double>(max, src.Span<double>(), dst, rowLength); break;
            case DType.Int32: Run<int>(max, src.Span<int>(), dst, rowLength); break;
            case DType.Int64: Run<long>(max, src.Span<long>(), dst, rowLength); break;
            default: throw new ArgumentException($"{(max ? "ArgMax" : "ArgMin")}: dtype {src.DType.Name()} is not supported");
        }
    }

    private static void Run<T>(bool max, ReadOnlySpan<T> x, long[] dst, int n) where T : unmanaged, INumber<T>
    {
        for (int r = 0; r < dst.Length; r++)
        {
            var row = x.Slice(r * n, n);
            int i = max ? TensorPrimitives.IndexOfMax(row) : TensorPrimitives.IndexOfMin(row);
            // TensorPrimitives ranks +0 above -0; NumPy compares them equal, so the first of the two wins.
            if (T.IsZero(row[i]))
                for (int j = 0; j < i; j++)
                    if (row[j] == row[i]) { i = j; break; }
            dst[r] = i;
        }
    }
}
