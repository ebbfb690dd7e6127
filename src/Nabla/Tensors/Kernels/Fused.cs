using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Elementwise formulas of two tensors done in one pass instead of one pass (and one temporary) per
/// operation. Each does exactly the operations of the formula it replaces, in the same order and
/// precision (no fused multiply-add), so the results are the same bit for bit.
/// </summary>
internal static class Fused
{
    /// <summary>ReLU's backward, <c>gy * (x &gt; 0 ? 1 : 0)</c>: as the product with the 0/1 mask, so -0, NaN and infinities come out as before.</summary>
    public static Tensor ReluGrad(Tensor gy, Tensor x) => Run<ReluGradOp>(gy, x, "ReLU");

    /// <summary>Tanh's backward from its output, <c>gy * (1 - y * y)</c>.</summary>
    public static Tensor TanhGrad(Tensor gy, Tensor y) => Run<TanhGradOp>(gy, y, "Tanh");

    /// <summary>Sigmoid's backward from its output, <c>gy * (y * (1 - y))</c>.</summary>
    public static Tensor SigmoidGrad(Tensor gy, Tensor y) => Run<SigmoidGradOp>(gy, y, "Sigmoid");

    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> suit these kernels: contiguous floats of one dtype and shape.</summary>
    public static bool Applies(Tensor a, Tensor b) =>
        a.DType == b.DType && a.DType.IsFloat() && a.IsContiguous && b.IsContiguous && ShapeUtil.SameShape(a.ShapeSpan, b.ShapeSpan);

    /// <summary>The sigmoid as Nabla computes it, <c>tanh(x * 0.5) * 0.5 + 0.5</c>, in cache-sized blocks.</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        var y = Tensor.EmptyUninitialized(x.DType, x.Shape);
        int pieces = Chunks.Count(x.Size);
        if (pieces == 1) SigmoidRange(x, y, 0, x.Size);
        else SigmoidParallel(x, y, pieces);
        return y;
    }

    // Apart so that the closure is only allocated when threads are used.
    private static void SigmoidParallel(Tensor x, Tensor y, int pieces) =>
        Chunks.For(x.Size, pieces, (start, length) => SigmoidRange(x, y, start, length));

    private static void SigmoidRange(Tensor x, Tensor y, int start, int length)
    {
        if (x.DType == DType.Float32) SigmoidBlocks(x.Span<float>().Slice(start, length), y.Span<float>().Slice(start, length));
        else SigmoidBlocks(x.Span<double>().Slice(start, length), y.Span<double>().Slice(start, length));
    }

    /// <summary>
    /// Blocks of 4096 (the last one takes the remainder, so no block is short enough to leave
    /// TensorPrimitives' vectorised path when the whole would have taken it).
    /// </summary>
    private static void SigmoidBlocks<T>(ReadOnlySpan<T> x, Span<T> y) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Block = 4096;
        T half = T.CreateTruncating(0.5);
        for (int start = 0; start < x.Length;)
        {
            int length = x.Length - start < 2 * Block ? x.Length - start : Block;
            var xs = x.Slice(start, length);
            var ys = y.Slice(start, length);
            TensorPrimitives.Multiply(xs, half, ys);
            TensorPrimitives.Tanh(ys, ys);
            TensorPrimitives.Multiply(ys, half, ys);
            TensorPrimitives.Add(ys, half, ys);
            start += length;
        }
    }

    private static Tensor Run<TOp>(Tensor a, Tensor b, string op) where TOp : IOp
    {
        if (!Applies(a, b))
            throw new ArgumentException($"{op}: fused gradient needs contiguous float tensors of one dtype and shape, got {a.DType.Name()} {a.ShapeString} and {b.DType.Name()} {b.ShapeString}");
        var d = Tensor.EmptyUninitialized(a.DType, a.Shape);
        int pieces = Chunks.Count(a.Size);
        var level = Simd.Level;
        if (pieces == 1) Range<TOp>(a, b, d, level, 0, a.Size);
        else RunParallel<TOp>(a, b, d, level, pieces);
        return d;
    }

    private static void RunParallel<TOp>(Tensor a, Tensor b, Tensor d, SimdLevel level, int pieces) where TOp : IOp =>
        Chunks.For(a.Size, pieces, (start, length) => Range<TOp>(a, b, d, level, start, length));

    private static void Range<TOp>(Tensor a, Tensor b, Tensor d, SimdLevel level, int start, int length) where TOp : IOp
    {
        if (d.DType == DType.Float32)
            Spans<float, TOp>(a.Span<float>().Slice(start, length), b.Span<float>().Slice(start, length), d.Span<float>().Slice(start, length), level);
        else
            Spans<double, TOp>(a.Span<double>().Slice(start, length), b.Span<double>().Slice(start, length), d.Span<double>().Slice(start, length), level);
    }

    /// <summary>d[i] = op(a[i], b[i]) with the widest vectors <paramref name="level"/> allows, then scalars for the tail.</summary>
    internal static void Spans<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d, SimdLevel level)
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IOp
    {
        ref T ra = ref MemoryMarshal.GetReference(a);
        ref T rb = ref MemoryMarshal.GetReference(b);
        ref T rd = ref MemoryMarshal.GetReference(d);
        int n = d.Length, i = 0;
        if (level >= SimdLevel.Vector512 && Vector512.IsHardwareAccelerated)
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                TOp.Apply(Vector512.LoadUnsafe(ref ra, (nuint)i), Vector512.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        if (level >= SimdLevel.Vector256 && Vector256.IsHardwareAccelerated)
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                TOp.Apply(Vector256.LoadUnsafe(ref ra, (nuint)i), Vector256.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        if (level >= SimdLevel.Portable && Vector.IsHardwareAccelerated)
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
                TOp.Apply(Vector.LoadUnsafe(ref ra, (nuint)i), Vector.LoadUnsafe(ref rb, (nuint)i)).StoreUnsafe(ref rd, (nuint)i);
        for (; i < n; i++) Unsafe.Add(ref rd, i) = TOp.Apply(Unsafe.Add(ref ra, i), Unsafe.Add(ref rb, i));
    }

    /// <summary>One fused formula at every width.</summary>
    internal interface IOp
    {
        static abstract T Apply<T>(T a, T b) where T : unmanaged, IFloatingPointIeee754<T>;
        static abstract Vector512<T> Apply<T>(Vector512<T> a, Vector512<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
        static abstract Vector256<T> Apply<T>(Vector256<T> a, Vector256<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
        static abstract Vector<T> Apply<T>(Vector<T> a, Vector<T> b) where T : unmanaged, IFloatingPointIeee754<T>;
    }

    internal readonly struct ReluGradOp : IOp
    {
        public static T Apply<T>(T gy, T x) where T : unmanaged, IFloatingPointIeee754<T> => gy * (x > T.Zero ? T.One : T.Zero);
        public static Vector512<T> Apply<T>(Vector512<T> gy, Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
            gy * (Vector512.GreaterThan(x, Vector512<T>.Zero) & Vector512<T>.One);
        public static Vector256<T> Apply<T>(Vector256<T> gy, Vector256<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
            gy * (Vector256.GreaterThan(x, Vector256<T>.Zero) & Vector256<T>.One);
        public static Vector<T> Apply<T>(Vector<T> gy, Vector<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
            gy * (Vector.GreaterThan(x, Vector<T>.Zero) & Vector<T>.One);
    }

    internal readonly struct TanhGradOp : IOp
    {
        public static T Apply<T>(T gy, T y) where T : unmanaged, IFloatingPointIeee754<T> => gy * (T.One - y * y);
        public static Vector512<T> Apply<T>(Vector512<T> gy, Vector512<T> y) where T : unmanaged, IFloatingPointIeee754<T> => gy * (Vector512<T>.One - y * y);
        public static Vector256<T> Apply<T>(Vector256<T> gy, Vector256<T> y) where T : unmanaged, IFloatingPointIeee754<T> => gy * (Vector256<T>.One - y * y);
        public static Vector<T> Apply<T>(Vector<T> gy, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => gy * (Vector<T>.One - y * y);
    }

    internal readonly struct SigmoidGradOp : IOp
    {
        public static T Apply<T>(T gy, T y) where T : unmanaged, IFloatingPointIeee754<T> => gy * (y * (T.One - y));
        public static Vector512<T> Apply<T>(Vector512<T> gy, Vector512<T> y) where T : unmanaged, IFloatingPointIeee754<T> => gy * (y * (Vector512<T>.One - y));
        public static Vector256<T> Apply<T>(Vector256<T> gy, Vector256<T> y) where T : unmanaged, IFloatingPointIeee754<T> => gy * (y * (Vector256<T>.One - y));
        public static Vector<T> Apply<T>(Vector<T> gy, Vector<T> y) where T : unmanaged, IFloatingPointIeee754<T> => gy * (y * (Vector<T>.One - y));
    }
}
