using System.Numerics;
using Nabla.Tensors.Kernels;

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
        int[] resultShape = [.. batch, m, n];
        // GEMM overwrites every entry when k > 0.
        var result = k > 0 ? EmptyUninitialized(dtype, resultShape) : Empty(dtype, resultShape);
        // With k = 0 every entry is an empty sum: the fresh (zeroed) result is the answer. Calling GEMM would
        // slice empty storage at batch offsets past its end, e.g. (4,2,0) @ (0,3).
        if (k > 0 && result.Size > 0) Multiply(left.AsType(dtype), right.AsType(dtype), result, batch);
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

    private static void Multiply(Tensor a, Tensor b, Tensor c, int[] batch)
    {
        switch (c.DType)
        {
            case DType.Float32: Multiply<float>(a, b, c, batch); break;
            case DType.Float64: Multiply<double>(a, b, c, batch); break;
            case DType.Int32: Multiply<int>(a, b, c, batch); break;
            case DType.Int64: Multiply<long>(a, b, c, batch); break;
        }
    }

    private static void Multiply<T>(Tensor a, Tensor b, Tensor c, int[] batch) where T : unmanaged, INumber<T>
    {
        var (la, transA, lda) = GemmLayout(a);
        var (lb, transB, ldb) = GemmLayout(b);
        int m = c.shape[^2], n = c.shape[^1], k = a.shape[^1];
        var aBatch = ShapeUtil.BroadcastStrides(la.shape[..^2], la.strides[..^2], batch, "MatMul");
        var bBatch = ShapeUtil.BroadcastStrides(lb.shape[..^2], lb.strides[..^2], batch, "MatMul");
        int count = ShapeUtil.Size(batch);
        var index = new int[batch.Length];
        var aData = la.Buffer<T>();
        var bData = lb.Buffer<T>();
        var cData = c.Buffer<T>();
        for (int i = 0; i < count; i++)
        {
            int ao = la.offset, bo = lb.offset;
            for (int d = 0; d < batch.Length; d++)
            {
                ao += index[d] * aBatch[d];
                bo += index[d] * bBatch[d];
            }
            Gemm.Multiply<T>(m, n, k, aData.AsSpan(ao), lda, transA, bData.AsSpan(bo), ldb, transB,
                cData.AsSpan(i * m * n, m * n), Math.Max(n, 1), accumulate: false);
            Increment(index, batch);
        }
        // Operands GemmLayout had to copy are temporaries of this product.
        if (!ReferenceEquals(la.storage, a.storage)) Kernels.StoragePool.Return(la);
        if (!ReferenceEquals(lb.storage, b.storage)) Kernels.StoragePool.Return(lb);
    }

    private static void Increment(int[] index, int[] shape)
    {
        for (int d = index.Length - 1; d >= 0; d--)
        {
            if (++index[d] < shape[d]) return;
            index[d] = 0;
        }
    }

    /// <summary>
    /// How GEMM can read the last two axes in place: row-major (unit column stride) or column-major
    /// (a transposed view); anything else is copied to contiguous first.
    /// </summary>
    private static (Tensor Source, bool Transposed, int Ld) GemmLayout(Tensor t)
    {
        int rows = t.shape[^2], cols = t.shape[^1], rs = t.strides[^2], cs = t.strides[^1];
        if ((cs == 1 || cols <= 1) && (rows <= 1 || rs >= Math.Max(cols, 1)))
            return (t, false, rows <= 1 ? Math.Max(cols, 1) : rs);
        if ((rs == 1 || rows <= 1) && (cols <= 1 || cs >= Math.Max(rows, 1)))
            return (t, true, cols <= 1 ? Math.Max(rows, 1) : cs);
        var copy = t.Copy();
        return (copy, false, Math.Max(cols, 1));
    }
}
