using System.Numerics;

namespace Nabla.Tensors.Kernels;

/// <summary>Elementwise comparison with broadcasting into a contiguous Bool destination (NaN compares unequal to everything).</summary>
internal static class Compare
{
    public static void Run(CompareOp op, Tensor a, Tensor b, Tensor dst) =>
        INumericKernel.Dispatch(a.DType, op, new Kernel(op, a, b, dst));

    private readonly struct Kernel(CompareOp op, Tensor a, Tensor b, Tensor dst) : INumericKernel
    {
        public void Run<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => Compare.Run<T>(op, a, b, dst);
    }

    private static void Run<T>(CompareOp op, Tensor a, Tensor b, Tensor dst) where T : unmanaged, INumber<T>
    {
        if (a.IsContiguous && b.IsContiguous && dst.IsContiguous && ShapeUtil.SameShape(a.ShapeSpan, dst.ShapeSpan)
            && (b.Size == 1 || ShapeUtil.SameShape(b.ShapeSpan, dst.ShapeSpan)))
        {
            int pieces = Chunks.Count(dst.Size);
            if (pieces == 1) Range<T>(op, a, b, dst, 0, dst.Size);
            else RunParallel<T>(op, a, b, dst, pieces);
            return;
        }
        StridedLoop.Broadcast(dst, Name(op), new Visitor<T>(op, dst.Buffer<bool>(), a.Buffer<T>(), b.Buffer<T>()), a, b);
    }

    private static void RunParallel<T>(CompareOp op, Tensor a, Tensor b, Tensor dst, int pieces) where T : unmanaged, INumber<T> =>
        Chunks.For(dst.Size, pieces, (start, length) => Range<T>(op, a, b, dst, start, length));

    /// <summary>a full contiguous tensor against another or against one value (x &gt; 0), over elements [start, start+length).</summary>
    private static void Range<T>(CompareOp op, Tensor a, Tensor b, Tensor dst, int start, int length) where T : unmanaged, INumber<T>
    {
        var x = a.Span<T>().Slice(start, length);
        var d = dst.Span<bool>().Slice(start, length);
        if (b.Size == 1 && dst.Size != 1)
        {
            T y = b.Buffer<T>()[b.Offset];
            switch (op)
            {
                case CompareOp.Greater: for (int i = 0; i < x.Length; i++) d[i] = x[i] > y; return;
                case CompareOp.Less: for (int i = 0; i < x.Length; i++) d[i] = x[i] < y; return;
                default: for (int i = 0; i < x.Length; i++) d[i] = Apply(op, x[i], y); return;
            }
        }
        var ys = b.Span<T>().Slice(start, length);
        for (int i = 0; i < x.Length; i++) d[i] = Apply(op, x[i], ys[i]);
    }

    private readonly struct Visitor<T>(CompareOp op, bool[] d, T[] a, T[] b) : IRowVisitor where T : unmanaged, INumber<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            for (int i = 0; i < n; i++) d[o[0] + i * s[0]] = Apply(op, a[o[1] + i * s[1]], b[o[2] + i * s[2]]);
        }
    }

    /// <summary>The comparison's name for messages, without Enum.ToString's cost on every call.</summary>
    public static string Name(CompareOp op) => op switch
    {
        CompareOp.Equal => nameof(CompareOp.Equal),
        CompareOp.NotEqual => nameof(CompareOp.NotEqual),
        CompareOp.Less => nameof(CompareOp.Less),
        CompareOp.LessEqual => nameof(CompareOp.LessEqual),
        CompareOp.Greater => nameof(CompareOp.Greater),
        CompareOp.GreaterEqual => nameof(CompareOp.GreaterEqual),
        _ => op.ToString(),
    };

    private static bool Apply<T>(CompareOp op, T x, T y) where T : INumber<T> => op switch
    {
        CompareOp.Equal => x == y,
        CompareOp.NotEqual => x != y,
        CompareOp.Less => x < y,
        CompareOp.LessEqual => x <= y,
        CompareOp.Greater => x > y,
        CompareOp.GreaterEqual => x >= y,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
