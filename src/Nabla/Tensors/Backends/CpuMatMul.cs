using System.Numerics;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors.Backends;

/// <summary>Batched matrix products on the CPU: one <see cref="Gemm"/> call per batch entry, transposed views read in place.</summary>
internal static class CpuMatMul
{
    public static void Multiply(Tensor a, Tensor b, Tensor c, int[] batch)
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
        int m = c.ShapeSpan[^2], n = c.ShapeSpan[^1], k = a.ShapeSpan[^1];
        var aBatch = ShapeUtil.BroadcastStrides(la.ShapeSpan[..^2], la.StrideSpan[..^2], batch, "MatMul");
        var bBatch = ShapeUtil.BroadcastStrides(lb.ShapeSpan[..^2], lb.StrideSpan[..^2], batch, "MatMul");
        int count = ShapeUtil.Size(batch);
        var index = new int[batch.Length];
        var aData = la.Buffer<T>();
        var bData = lb.Buffer<T>();
        var cData = c.Buffer<T>();
        for (int i = 0; i < count; i++)
        {
            int ao = la.Offset, bo = lb.Offset;
            for (int d = 0; d < batch.Length; d++)
            {
                ao += index[d] * aBatch[d];
                bo += index[d] * bBatch[d];
            }
            Gemm.Multiply<T>(m, n, k, aData.AsSpan(ao), lda, transA, bData.AsSpan(bo), ldb, transB,
                cData.AsSpan(c.Offset + i * m * n, m * n), Math.Max(n, 1), accumulate: false);
            Increment(index, batch);
        }
        // Operands GemmLayout had to copy are temporaries of this product.
        if (!ReferenceEquals(la.Storage, a.Storage)) StoragePool.Return(la);
        if (!ReferenceEquals(lb.Storage, b.Storage)) StoragePool.Return(lb);
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
    internal static (Tensor Source, bool Transposed, int Ld) GemmLayout(Tensor t)
    {
        int rows = t.ShapeSpan[^2], cols = t.ShapeSpan[^1], rs = t.StrideSpan[^2], cs = t.StrideSpan[^1];
        if ((cs == 1 || cols <= 1) && (rows <= 1 || rs >= Math.Max(cols, 1)))
            return (t, false, rows <= 1 ? Math.Max(cols, 1) : rs);
        if ((rs == 1 || rows <= 1) && (cols <= 1 || cs >= Math.Max(rows, 1)))
            return (t, true, cols <= 1 ? Math.Max(rows, 1) : cs);
        var copy = t.Copy();
        return (copy, false, Math.Max(cols, 1));
    }
}
