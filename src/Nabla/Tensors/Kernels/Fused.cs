using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

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
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IOp =>
        LaneLoop.Run<T, Rule<T, TOp>>(new(a, b, d), level);

    /// <summary>One fused formula, written once for every width.</summary>
    internal interface IOp
    {
        static abstract TL Apply<T, TL>(TL a, TL b) where T : unmanaged, IFloatingPointIeee754<T> where TL : struct, ILanes<TL, T>;
    }

    private readonly ref struct Rule<T, TOp>(ReadOnlySpan<T> a, ReadOnlySpan<T> b, Span<T> d) : ILaneRule<T>
        where T : unmanaged, IFloatingPointIeee754<T> where TOp : IOp
    {
        private readonly ReadOnlySpan<T> a = a, b = b;
        private readonly Span<T> d = d;

        public int Length { get; } = a.Length == d.Length && b.Length == d.Length ? d.Length
            : throw new ArgumentException($"fused gradient: lengths {a.Length}, {b.Length} and {d.Length} differ");

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TL>(int i) where TL : struct, ILanes<TL, T> => TL.Store(TOp.Apply<T, TL>(TL.Load(a, i), TL.Load(b, i)), d, i);
    }

    /// <summary>gy · step(x): as the product with the 0/1 mask, so -0, NaN and infinities come out as before.</summary>
    internal readonly struct ReluGradOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TL Apply<T, TL>(TL gy, TL x) where T : unmanaged, IFloatingPointIeee754<T> where TL : struct, ILanes<TL, T> => gy * TL.Step(x);
    }

    /// <summary>gy · (1 − y·y), tanh's slope in <c>ElementwiseRules.Tanh</c> (the tests tie the two).</summary>
    internal readonly struct TanhGradOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TL Apply<T, TL>(TL gy, TL y) where T : unmanaged, IFloatingPointIeee754<T> where TL : struct, ILanes<TL, T> =>
            gy * (TL.Create(T.One) - y * y);
    }

    /// <summary>gy · (y · (1 − y)), the sigmoid's slope in <c>ElementwiseRules.Sigmoid</c> (the tests tie the two).</summary>
    internal readonly struct SigmoidGradOp : IOp
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TL Apply<T, TL>(TL gy, TL y) where T : unmanaged, IFloatingPointIeee754<T> where TL : struct, ILanes<TL, T> =>
            gy * (y * (TL.Create(T.One) - y));
    }
}
