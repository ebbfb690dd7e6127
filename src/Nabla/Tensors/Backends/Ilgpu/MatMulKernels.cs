using ILGPU;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// The tiled matrix product: each group computes a Tile×Tile block of c, staging Tile×Tile blocks of a and b in
/// shared memory (dynamic, 2·Tile² elements) so each element of a and b is read from global memory once per block.
/// Operands are read through their strides (transposed views in place); batch axes broadcast through <see cref="View8"/>s.
/// </summary>
internal static class MatMulKernels
{
    public static void Tiled<T, TA>(ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, MatMulParams p, Layout8 batch, View8 aBatch, View8 bBatch)
        where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        var shared = SharedMemory.GetDynamic<T>();
        int tile = p.Tile, tx = Group.IdxX, ty = Group.IdxY;
        int row = Grid.IdxY * tile + ty, col = Grid.IdxX * tile + tx;
        int z = Grid.IdxZ + p.BatchBase;
        var bx = batch.Decompose(z);
        int aBase = aBatch.At(bx), bBase = bBatch.At(bx);
        int sa = 0, sb = tile * tile;
        T zero = m.FromLong(0), acc = zero;
        for (int k0 = 0; k0 < p.K; k0 += tile)
        {
            int ka = k0 + tx, kb = k0 + ty;
            shared[sa + ty * tile + tx] = row < p.M && ka < p.K ? a[aBase + row * p.ARow + ka * p.ACol] : zero;
            shared[sb + ty * tile + tx] = kb < p.K && col < p.N ? b[bBase + kb * p.BRow + col * p.BCol] : zero;
            Group.Barrier();
            for (int k = 0; k < tile; k++) acc = m.Add(acc, m.Mul(shared[sa + ty * tile + k], shared[sb + k * tile + tx]));
            Group.Barrier();
        }
        if (row < p.M && col < p.N) c[p.COffset + z * p.M * p.N + row * p.N + col] = acc;
    }

    /// <summary>
    /// One thread per entry of c, no shared memory: for ILGPU's CPU accelerator, where a group barrier is a thread
    /// rendezvous and the tiled kernel's two barriers per k-block cost far more than the arithmetic. The sum runs over
    /// k in the same order as the tiled kernel's, so both give the same bits.
    /// </summary>
    public static void Simple<T, TA>(Index3D i, ArrayView<T> a, ArrayView<T> b, ArrayView<T> c, MatMulParams p, Layout8 batch, View8 aBatch, View8 bBatch)
        where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        int col = i.X, row = i.Y, z = i.Z + p.BatchBase;
        var bx = batch.Decompose(z);
        int aRow = aBatch.At(bx) + row * p.ARow, bCol = bBatch.At(bx) + col * p.BCol;
        T acc = m.FromLong(0);
        for (int k = 0; k < p.K; k++) acc = m.Add(acc, m.Mul(a[aRow + k * p.ACol], b[bCol + k * p.BRow]));
        c[p.COffset + z * p.M * p.N + row * p.N + col] = acc;
    }
}
