namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Matrix product with NumPy's matmul rules: (…, m, k) @ (…, k, n) with the batch axes broadcast;
    /// a 1-D left operand is a row vector and a 1-D right operand a column vector, their axis removed afterwards.
    /// Transposed views are multiplied without copying.
    /// </summary>
    public static Tensor MatMul(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.NDim == 0 || b.NDim == 0)
            throw new ArgumentException($"MatMul: operands must have at least one dimension, got shapes {a.ShapeString} and {b.ShapeString}");
        var left = a.NDim == 1 ? a.ExpandDims(0) : a;
        var right = b.NDim == 1 ? b.ExpandDims(1) : b;
        int m = left.shape[^2], k = left.shape[^1], n = right.shape[^1];
        if (right.shape[^2] != k)
            throw new ArgumentException($"MatMul: shapes {a.ShapeString} and {b.ShapeString} do not align ({k} != {right.shape[^2]})");
        var batch = ShapeUtil.Broadcast(left.shape[..^2], right.shape[..^2], "MatMul");
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        if (dtype == DType.Bool) dtype = DType.Int32;
        var backend = BackendOf("MatMul", ref left, ref right);
        int[] resultShape = [.. batch, m, n];
        // GEMM overwrites every entry when k > 0.
        var result = k > 0 ? EmptyUninitialized(dtype, resultShape, backend.Device) : Empty(dtype, resultShape, backend.Device);
        // With k = 0 every entry is an empty sum: the fresh (zeroed) result is the answer. Calling GEMM would
        // slice empty storage at batch offsets past its end, e.g. (4,2,0) @ (0,3).
        if (k > 0 && result.Size > 0) backend.MatMul(left.AsType(dtype), right.AsType(dtype), result, batch);
        if (a.NDim == 1) result = result.Squeeze(-2);
        if (b.NDim == 1) result = result.Squeeze(-1);
        return result;
    }

    /// <summary>NumPy's dot for up to two dimensions: inner product of vectors, matrix-vector and matrix-matrix products.</summary>
    public static Tensor Dot(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.NDim == 0 || b.NDim == 0) return a * b;
        if (a.NDim > 2 || b.NDim > 2)
            throw new NotSupportedException($"Dot: shapes {a.ShapeString} and {b.ShapeString} have more than 2 dimensions; use MatMul");
        if (a.shape[^1] != b.shape[b.NDim == 1 ? 0 : ^2])
            throw new ArgumentException($"Dot: shapes {a.ShapeString} and {b.ShapeString} not aligned ({a.shape[^1]} != {b.shape[b.NDim == 1 ? 0 : ^2]})");
        return MatMul(a, b);
    }
}
