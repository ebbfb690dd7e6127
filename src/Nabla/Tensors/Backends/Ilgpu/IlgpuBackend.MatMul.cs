using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;

namespace Nabla.Tensors.Backends.Ilgpu;

internal sealed partial class IlgpuBackend
{
    private const int MaxGridZ = 65535;
    private CuBlas? cuBlas;
    private bool cuBlasTried;

    public void MatMul(Tensor a, Tensor b, Tensor c, int[] batch)
    {
        using var scope = gate.EnterScope();
        int m = c.ShapeSpan[^2], n = c.ShapeSpan[^1], k = a.ShapeSpan[^1];
        var aBatch = ShapeUtil.BroadcastStrides(a.ShapeSpan[..^2], a.StrideSpan[..^2], batch, "MatMul");
        var bBatch = ShapeUtil.BroadcastStrides(b.ShapeSpan[..^2], b.StrideSpan[..^2], batch, "MatMul");
        Span<View8> v = stackalloc View8[2];
        var layout = Strided.Build(batch, [aBatch, bBatch], [a.Offset, b.Offset], v, "MatMul");
        var p = new MatMulParams
        {
            M = m, N = n, K = k,
            ARow = a.StrideSpan[^2], ACol = a.StrideSpan[^1], BRow = b.StrideSpan[^2], BCol = b.StrideSpan[^1],
            COffset = c.Offset,
        };
        Gemm(c.DType, a.Storage, b.Storage, c.Storage, p, layout, v[0], v[1], ShapeUtil.Size(batch));
    }

    /// <summary>c[z] = a[z]·b[z] for z &lt; count: cuBLAS for floats on CUDA when it loads and the operands suit it, else the tiled kernel.</summary>
    private void Gemm(DType dtype, object a, object b, object c, MatMulParams p, Layout8 batch, View8 aBatch, View8 bBatch, int count)
    {
        if (p.M == 0 || p.N == 0 || count == 0) return;
        switch (dtype)
        {
            case DType.Float32:
                if (!TryCuBlas<float>(a, b, c, p, batch, aBatch, bBatch, count)) Tiled<float, Float32Arith>(a, b, c, p, batch, aBatch, bBatch, count);
                break;
            case DType.Float64:
                if (!TryCuBlas<double>(a, b, c, p, batch, aBatch, bBatch, count)) Tiled<double, Float64Arith>(a, b, c, p, batch, aBatch, bBatch, count);
                break;
            case DType.Int32: Tiled<int, Int32Arith>(a, b, c, p, batch, aBatch, bBatch, count); break;
            case DType.Int64: Tiled<long, Int64Arith>(a, b, c, p, batch, aBatch, bBatch, count); break;
            default: throw new ArgumentException($"MatMul: dtype {dtype.Name()} is not supported");
        }
    }

    private void Tiled<T, TA>(object a, object b, object c, MatMulParams p, Layout8 batch, View8 aBatch, View8 bBatch, int count)
        where T : unmanaged where TA : struct, IArith<T>
    {
        if (accelerator.AcceleratorType == AcceleratorType.CPU)
        {
            Simple<T, TA>(a, b, c, p, batch, aBatch, bBatch, count);
            return;
        }
        var k = Kernel("matmul", static acc => acc.LoadStreamKernel<ArrayView<T>, ArrayView<T>, ArrayView<T>, MatMulParams, Layout8, View8, View8>(MatMulKernels.Tiled<T, TA>));
        int tile = Tile;
        p.Tile = tile;
        var (av, bv, cv) = (((IlgpuBuffer)a).View<T>(), ((IlgpuBuffer)b).View<T>(), ((IlgpuBuffer)c).View<T>());
        for (int z0 = 0; z0 < count; z0 += MaxGridZ)
        {
            p.BatchBase = z0;
            var grid = new Index3D((p.N + tile - 1) / tile, (p.M + tile - 1) / tile, Math.Min(MaxGridZ, count - z0));
            k(new KernelConfig(grid, new Index3D(tile, tile, 1), SharedMemoryConfig.RequestDynamic<T>(2 * tile * tile)), av, bv, cv, p, batch, aBatch, bBatch);
        }
    }

    private void Simple<T, TA>(object a, object b, object c, MatMulParams p, Layout8 batch, View8 aBatch, View8 bBatch, int count)
        where T : unmanaged where TA : struct, IArith<T>
    {
        var k = Kernel("matmul-simple", static acc => acc.LoadAutoGroupedStreamKernel<Index3D, ArrayView<T>, ArrayView<T>, ArrayView<T>, MatMulParams, Layout8, View8, View8>(MatMulKernels.Simple<T, TA>));
        var (av, bv, cv) = (((IlgpuBuffer)a).View<T>(), ((IlgpuBuffer)b).View<T>(), ((IlgpuBuffer)c).View<T>());
        for (int z0 = 0; z0 < count; z0 += MaxGridZ)
        {
            p.BatchBase = z0;
            k(new Index3D(p.N, p.M, Math.Min(MaxGridZ, count - z0)), av, bv, cv, p, batch, aBatch, bBatch);
        }
    }

    /// <summary>The cuBLAS handle, made once on a CUDA accelerator; null elsewhere or when libcublas does not load.</summary>
    private CuBlas? Blas()
    {
        if (cuBlasTried) return cuBlas;
        cuBlasTried = true;
        if (accelerator is not CudaAccelerator cuda) return null;
        try
        {
            cuBlas = new CuBlas(cuda) { Stream = (CudaStream)cuda.DefaultStream };
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            cuBlas = null;
        }
        return cuBlas;
    }

    /// <summary>
    /// Row-major c = a·b is column-major cᵀ = bᵀ·aᵀ, so b is cuBLAS's first operand: a row-major operand (unit column
    /// stride) is read untransposed, a transposed view (unit row stride) with the transpose flag. Any failure turns
    /// cuBLAS off for this backend and the tiled kernel takes over.
    /// </summary>
    private bool TryCuBlas<T>(object a, object b, object c, MatMulParams p, Layout8 batch, View8 aBatch, View8 bBatch, int count) where T : unmanaged
    {
        var blas = Blas();
        if (blas is null) return false;
        var la = BlasLayout(p.M, p.K, p.ARow, p.ACol);
        var lb = BlasLayout(p.K, p.N, p.BRow, p.BCol);
        if (la is null || lb is null) return false;
        var (av, bv, cv) = (((IlgpuBuffer)a).View<T>(), ((IlgpuBuffer)b).View<T>(), ((IlgpuBuffer)c).View<T>());
        try
        {
            for (int z = 0; z < count; z++)
            {
                var x = batch.Decompose(z);
                int ao = aBatch.At(x), bo = bBatch.At(x), co = p.COffset + z * p.M * p.N;
                var opB = lb.Value.Transposed ? CuBlasOperation.Transpose : CuBlasOperation.NonTranspose;
                var opA = la.Value.Transposed ? CuBlasOperation.Transpose : CuBlasOperation.NonTranspose;
                if (typeof(T) == typeof(float))
                    blas.Gemm(opB, opA, p.N, p.M, p.K, 1f, Rest((ArrayView<float>)(object)bv, bo), lb.Value.Ld, Rest((ArrayView<float>)(object)av, ao), la.Value.Ld,
                        0f, Rest((ArrayView<float>)(object)cv, co), p.N);
                else
                    blas.Gemm(opB, opA, p.N, p.M, p.K, 1.0, Rest((ArrayView<double>)(object)bv, bo), lb.Value.Ld, Rest((ArrayView<double>)(object)av, ao), la.Value.Ld,
                        0.0, Rest((ArrayView<double>)(object)cv, co), p.N);
            }
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            cuBlas = null;
            return false;
        }
    }

    private static ArrayView<T> Rest<T>(ArrayView<T> v, int offset) where T : unmanaged => v.SubView(offset, v.Length - offset);

    /// <summary>
    /// How cuBLAS reads a rows×cols operand with these strides: row-major (ld = row stride, at least cols) untransposed
    /// in cuBLAS's column-major terms, or column-major (ld = column stride, at least rows) transposed; null otherwise.
    /// </summary>
    private static (bool Transposed, int Ld)? BlasLayout(int rows, int cols, int rs, int cs)
    {
        if ((cs == 1 || cols == 1) && (rows == 1 || rs >= cols)) return (false, rows == 1 ? Math.Max(cols, 1) : rs);
        if ((rs == 1 || rows == 1) && (cols == 1 || cs >= rows)) return (true, cols == 1 ? Math.Max(rows, 1) : cs);
        return null;
    }
}
