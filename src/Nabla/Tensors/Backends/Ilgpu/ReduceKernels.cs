using ILGPU;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// Reductions as a two-level problem: <c>outer</c> indexes the kept axes (one result each), <c>inner</c> the reduced
/// ones. Short inner extents take one thread per result; long ones a group per (result, slice) with a shared-memory
/// tree, whose per-slice partials a second launch combines. Group sizes are powers of two.
/// </summary>
internal static class ReduceKernels
{
    /// <summary>Folds with the CPU's rules: Sum adds; Max and Min propagate NaN and rank +0 above -0 (Binary.Scalar).</summary>
    private static T Combine<T, TA>(int op, T x, T y) where T : unmanaged where TA : struct, IArith<T> =>
        op == 0 ? default(TA).Add(x, y) : default(TA).Binary(op == 1 ? 5 : 6, x, y);

    public static void Threads<T, TA>(Index1D o, ArrayView<T> dst, ArrayView<T> src, Layout8 outer, View8 srcOuter, View8 dstOuter,
        Layout8 inner, View8 srcInner, int innerSize, int op) where T : unmanaged where TA : struct, IArith<T>
    {
        var ox = outer.Decompose(o);
        int start = srcOuter.At(ox);
        T acc = default(TA).Identity(op);
        for (int j = 0; j < innerSize; j++) acc = Combine<T, TA>(op, acc, src[start + srcInner.At(inner.Decompose(j))]);
        dst[dstOuter.At(ox)] = acc;
    }

    /// <summary>
    /// Group g reduces slice g % splits of result g / splits. With <paramref name="partial"/> set it writes dst[g]
    /// (the partials, contiguous [outer, splits]); otherwise the result's place in dst.
    /// </summary>
    public static void Groups<T, TA>(ArrayView<T> dst, ArrayView<T> src, Layout8 outer, View8 srcOuter, View8 dstOuter,
        Layout8 inner, View8 srcInner, int innerSize, int splits, int op, int partial) where T : unmanaged where TA : struct, IArith<T>
    {
        var shared = SharedMemory.GetDynamic<T>();
        int g = Grid.IdxX, t = Group.IdxX, size = Group.DimX;
        int o = g / splits, s = g - o * splits;
        int chunk = (innerSize + splits - 1) / splits, begin = s * chunk, end = begin + chunk;
        if (end > innerSize) end = innerSize;
        var ox = outer.Decompose(o);
        int start = srcOuter.At(ox);
        T acc = default(TA).Identity(op);
        for (int j = begin + t; j < end; j += size) acc = Combine<T, TA>(op, acc, src[start + srcInner.At(inner.Decompose(j))]);
        shared[t] = acc;
        Group.Barrier();
        for (int half = size / 2; half > 0; half /= 2)
        {
            if (t < half) shared[t] = Combine<T, TA>(op, shared[t], shared[t + half]);
            Group.Barrier();
        }
        if (t == 0) dst[partial != 0 ? g : dstOuter.At(ox)] = shared[0];
    }

    /// <summary>Index of the max (or min) of each contiguous row; the first on ties, the first NaN wins (TensorPrimitives.IndexOfMax).</summary>
    public static void ArgGroups<T, TA>(ArrayView<long> dst, ArrayView<T> src, int rowLength, int max) where T : unmanaged where TA : struct, IArith<T>
    {
        var values = SharedMemory.GetDynamic<T>();
        var indexes = SharedMemory.Allocate<int>(1024);
        int r = Grid.IdxX, t = Group.IdxX, size = Group.DimX;
        int start = r * rowLength;
        T best = src[start];
        int bestAt = 0;
        for (int j = t; j < rowLength; j += size)
            if (Better<T, TA>(src[start + j], j, best, bestAt, max)) { best = src[start + j]; bestAt = j; }
        values[t] = best;
        indexes[t] = bestAt;
        Group.Barrier();
        for (int half = size / 2; half > 0; half /= 2)
        {
            if (t < half && Better<T, TA>(values[t + half], indexes[t + half], values[t], indexes[t], max))
            {
                values[t] = values[t + half];
                indexes[t] = indexes[t + half];
            }
            Group.Barrier();
        }
        if (t == 0) dst[r] = indexes[0];
    }

    public static void ArgThreads<T, TA>(Index1D r, ArrayView<long> dst, ArrayView<T> src, int rowLength, int max) where T : unmanaged where TA : struct, IArith<T>
    {
        int start = r * rowLength;
        T best = src[start];
        int bestAt = 0;
        for (int j = 1; j < rowLength; j++)
            if (Better<T, TA>(src[start + j], j, best, bestAt, max)) { best = src[start + j]; bestAt = j; }
        dst[r] = bestAt;
    }

    /// <summary>Whether (v, i) beats (b, bi): a NaN beats numbers, equal values (±0 included) and two NaNs go to the lower index.</summary>
    private static bool Better<T, TA>(T v, int i, T b, int bi, int max) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        bool vn = m.IsNaN(v), bn = m.IsNaN(b);
        if (vn || bn) return vn && (!bn || i < bi);
        if (max != 0 ? m.Greater(v, b) : m.Greater(b, v)) return true;
        return !m.Greater(v, b) && !m.Greater(b, v) && i < bi;
    }

    /// <summary>Partial sums of squares in double: group g strides over the contiguous source from g·size + t.</summary>
    public static void SumOfSquares<T, TA>(ArrayView<double> partials, ArrayView<T> src, int length) where T : unmanaged where TA : struct, IArith<T>
    {
        var shared = SharedMemory.GetDynamic<double>();
        int t = Group.IdxX, size = Group.DimX, stride = Grid.DimX * size;
        double acc = 0;
        for (int j = Grid.IdxX * size + t; j < length; j += stride)
        {
            double v = default(TA).ToDouble(src[j]);
            acc += v * v;
        }
        shared[t] = acc;
        Group.Barrier();
        for (int half = size / 2; half > 0; half /= 2)
        {
            if (t < half) shared[t] += shared[t + half];
            Group.Barrier();
        }
        if (t == 0) partials[Grid.IdxX] = shared[0];
    }
}
