using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Elementwise arithmetic with broadcasting: <c>dst = a op b</c>, all of one dtype. Rows whose operands are
/// unit-stride (or one of them a broadcast scalar) go to <see cref="TensorPrimitives"/>; others take a scalar loop.
/// </summary>
internal static class Binary
{
    public static void Run(BinaryOp op, Tensor a, Tensor b, Tensor dst) =>
        INumericKernel.Dispatch(dst.DType, op, new Kernel(op, a, b, dst));

    private readonly struct Kernel(BinaryOp op, Tensor a, Tensor b, Tensor dst) : INumericKernel
    {
        public void Run<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => Binary.Run<T>(op, a, b, dst);
    }

    private static void Run<T>(BinaryOp op, Tensor a, Tensor b, Tensor dst) where T : unmanaged, INumber<T>
    {
        if (dst.IsContiguous)
        {
            bool fullA = a.IsContiguous && ShapeUtil.SameShape(a.ShapeSpan, dst.ShapeSpan);
            bool fullB = b.IsContiguous && ShapeUtil.SameShape(b.ShapeSpan, dst.ShapeSpan);
            if (fullA && fullB) { Contiguous<T>(op, a, b, dst, Shape.Same); return; }
            // One value, stored once or broadcast over the whole shape (Sum's gradient view): the scalar paths,
            // split across threads like the others.
            if (fullA && OneValue(b)) { Contiguous<T>(op, a, b, dst, Shape.ScalarB); return; }
            if (fullB && OneValue(a)) { Contiguous<T>(op, a, b, dst, Shape.ScalarA); return; }
            if (fullA && b.IsContiguous && b.Size > 0 && IsTrailing(b.ShapeSpan, dst.ShapeSpan)) { Rows<T>(op, a, b, dst, rowB: true); return; }
            if (fullB && a.IsContiguous && a.Size > 0 && IsTrailing(a.ShapeSpan, dst.ShapeSpan)) { Rows<T>(op, a, b, dst, rowB: false); return; }
        }
        StridedLoop.Broadcast(dst, Name(op), new Visitor<T>(op, dst.Buffer<T>(), a.Buffer<T>(), b.Buffer<T>()), a, b);
    }

    private enum Shape { Same, ScalarA, ScalarB }

    /// <summary>True when every element of <paramref name="t"/> is the one at its offset: one element, or all strides 0.</summary>
    private static bool OneValue(Tensor t) => t.Size == 1 || (t.Size > 0 && !t.StrideSpan.ContainsAnyExcept(0));

    /// <summary>Every operand contiguous; the one named by <paramref name="shape"/> may be a single broadcast value.</summary>
    private static void Contiguous<T>(BinaryOp op, Tensor a, Tensor b, Tensor dst, Shape shape) where T : unmanaged, INumber<T>
    {
        int pieces = Chunks.Count(dst.Size);
        if (pieces == 1) Range<T>(op, a, b, dst, shape, 0, dst.Size);
        else ContiguousParallel<T>(op, a, b, dst, shape, pieces);
    }

    private static void ContiguousParallel<T>(BinaryOp op, Tensor a, Tensor b, Tensor dst, Shape shape, int pieces) where T : unmanaged, INumber<T> =>
        Chunks.For(dst.Size, pieces, (start, length) => Range<T>(op, a, b, dst, shape, start, length));

    private static void Range<T>(BinaryOp op, Tensor a, Tensor b, Tensor dst, Shape shape, int start, int length) where T : unmanaged, INumber<T>
    {
        var d = dst.Span<T>().Slice(start, length);
        switch (shape)
        {
            case Shape.Same: Spans(op, a.Span<T>().Slice(start, length), b.Span<T>().Slice(start, length), d); break;
            case Shape.ScalarB: SpanScalar(op, a.Span<T>().Slice(start, length), b.Buffer<T>()[b.Offset], d); break;
            default: ScalarSpan(op, a.Buffer<T>()[a.Offset], b.Span<T>().Slice(start, length), d); break;
        }
    }

    /// <summary>True when <paramref name="small"/>, without its leading 1s, is the trailing part of <paramref name="full"/>: one row repeated.</summary>
    private static bool IsTrailing(ReadOnlySpan<int> small, ReadOnlySpan<int> full)
    {
        int lead = 0;
        while (lead < small.Length && small[lead] == 1) lead++;
        var rest = small[lead..];
        return rest.Length <= full.Length && rest.SequenceEqual(full[(full.Length - rest.Length)..]);
    }

    /// <summary>A full contiguous operand against one contiguous row repeated over it (a bias): one vector call per row.</summary>
    private static void Rows<T>(BinaryOp op, Tensor a, Tensor b, Tensor dst, bool rowB) where T : unmanaged, INumber<T>
    {
        int rowLength = rowB ? b.Size : a.Size, rows = dst.Size / rowLength;
        int pieces = (int)Math.Min(Chunks.Count(dst.Size), rows);
        if (pieces <= 1) RowRange<T>(op, a, b, dst, rowB, 0, rows);
        else RowsParallel<T>(op, a, b, dst, rowB, rows);
    }

    private static void RowsParallel<T>(BinaryOp op, Tensor a, Tensor b, Tensor dst, bool rowB, int rows) where T : unmanaged, INumber<T> =>
        Chunks.ForRows(rows, dst.Size / rows, (first, count) => RowRange<T>(op, a, b, dst, rowB, first, count));

    private static void RowRange<T>(BinaryOp op, Tensor a, Tensor b, Tensor dst, bool rowB, int first, int count) where T : unmanaged, INumber<T>
    {
        Span<T> full = rowB ? a.Span<T>() : b.Span<T>(), row = rowB ? b.Span<T>() : a.Span<T>();
        var d = dst.Span<T>();
        int n = row.Length;
        for (int r = first; r < first + count; r++)
        {
            var fr = full.Slice(r * n, n);
            if (rowB) Spans(op, fr, row, d.Slice(r * n, n));
            else Spans(op, row, fr, d.Slice(r * n, n));
        }
    }

    private readonly struct Visitor<T>(BinaryOp op, T[] d, T[] a, T[] b) : IRowVisitor where T : unmanaged, INumber<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            if (s[0] == 1)
            {
                var dst = d.AsSpan(o[0], n);
                if (s[1] == 1 && s[2] == 1) { Spans(op, a.AsSpan(o[1], n), b.AsSpan(o[2], n), dst); return; }
                if (s[1] == 1 && s[2] == 0) { SpanScalar(op, a.AsSpan(o[1], n), b[o[2]], dst); return; }
                if (s[1] == 0 && s[2] == 1) { ScalarSpan(op, a[o[1]], b.AsSpan(o[2], n), dst); return; }
            }
            for (int i = 0; i < n; i++) d[o[0] + i * s[0]] = Scalar(op, a[o[1] + i * s[1]], b[o[2] + i * s[2]]);
        }
    }

    /// <summary>The operation's name for messages, without Enum.ToString's cost on every call.</summary>
    public static string Name(BinaryOp op) => op switch
    {
        BinaryOp.Add => nameof(BinaryOp.Add),
        BinaryOp.Sub => nameof(BinaryOp.Sub),
        BinaryOp.Mul => nameof(BinaryOp.Mul),
        BinaryOp.Div => nameof(BinaryOp.Div),
        BinaryOp.Pow => nameof(BinaryOp.Pow),
        BinaryOp.Maximum => nameof(BinaryOp.Maximum),
        BinaryOp.Minimum => nameof(BinaryOp.Minimum),
        _ => op.ToString(),
    };

    public static T Scalar<T>(BinaryOp op, T x, T y) where T : unmanaged, INumber<T> => op switch
    {
        BinaryOp.Add => x + y,
        BinaryOp.Sub => x - y,
        BinaryOp.Mul => x * y,
        BinaryOp.Div => Divide(x, y),
        BinaryOp.Pow => Power(x, y),
        BinaryOp.Maximum => T.IsNaN(x) || T.IsNaN(y) ? x + y : T.Max(x, y),
        BinaryOp.Minimum => T.IsNaN(x) || T.IsNaN(y) ? x + y : T.Min(x, y),
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private static T Divide<T>(T x, T y) where T : unmanaged, INumber<T>
    {
        if (y == T.Zero && typeof(T) != typeof(float) && typeof(T) != typeof(double))
            throw new DivideByZeroException("Div: integer division by zero");
        return x / y;
    }

    private static void Spans<T>(BinaryOp op, ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); return;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); return;
            case BinaryOp.Mul: TensorPrimitives.Multiply(x, y, d); return;
            case BinaryOp.Div when IsFloat<T>(): TensorPrimitives.Divide(x, y, d); return;
            case BinaryOp.Pow when typeof(T) == typeof(float): TensorPrimitives.Pow(As<T, float>(x), As<T, float>(y), As<T, float>(d)); return;
            case BinaryOp.Pow when typeof(T) == typeof(double): TensorPrimitives.Pow(As<T, double>(x), As<T, double>(y), As<T, double>(d)); return;
            case BinaryOp.Maximum: TensorPrimitives.Max(x, y, d); return;
            case BinaryOp.Minimum: TensorPrimitives.Min(x, y, d); return;
        }
        for (int i = 0; i < d.Length; i++) d[i] = Scalar(op, x[i], y[i]);
    }

    private static void SpanScalar<T>(BinaryOp op, ReadOnlySpan<T> x, T y, Span<T> d) where T : unmanaged, INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(x, y, d); return;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); return;
            case BinaryOp.Mul: TensorPrimitives.Multiply(x, y, d); return;
            case BinaryOp.Div when IsFloat<T>(): TensorPrimitives.Divide(x, y, d); return;
            case BinaryOp.Pow when typeof(T) == typeof(float): TensorPrimitives.Pow(As<T, float>(x), (float)(object)y, As<T, float>(d)); return;
            case BinaryOp.Pow when typeof(T) == typeof(double): TensorPrimitives.Pow(As<T, double>(x), (double)(object)y, As<T, double>(d)); return;
            case BinaryOp.Maximum: TensorPrimitives.Max(x, y, d); return;
            case BinaryOp.Minimum: TensorPrimitives.Min(x, y, d); return;
        }
        for (int i = 0; i < d.Length; i++) d[i] = Scalar(op, x[i], y);
    }

    private static void ScalarSpan<T>(BinaryOp op, T x, ReadOnlySpan<T> y, Span<T> d) where T : unmanaged, INumber<T>
    {
        switch (op)
        {
            case BinaryOp.Add: TensorPrimitives.Add(y, x, d); return;
            case BinaryOp.Sub: TensorPrimitives.Subtract(x, y, d); return;
            case BinaryOp.Mul: TensorPrimitives.Multiply(y, x, d); return;
            case BinaryOp.Div when IsFloat<T>(): TensorPrimitives.Divide(x, y, d); return;
            case BinaryOp.Maximum: TensorPrimitives.Max(y, x, d); return;
            case BinaryOp.Minimum: TensorPrimitives.Min(y, x, d); return;
        }
        for (int i = 0; i < d.Length; i++) d[i] = Scalar(op, x, y[i]);
    }

    /// <summary>Integer power by squaring; negative exponents are rejected as NumPy does.</summary>
    private static T Power<T>(T x, T y) where T : unmanaged, INumber<T>
    {
        if (typeof(T) == typeof(float)) return (T)(object)MathF.Pow((float)(object)x, (float)(object)y);
        if (typeof(T) == typeof(double)) return (T)(object)Math.Pow((double)(object)x, (double)(object)y);
        if (y < T.Zero) throw new ArgumentException($"Pow: integers to negative integer powers are not allowed ({x} ** {y})");
        T result = T.One, b = x;
        for (long e = long.CreateTruncating(y); e > 0; e >>= 1)
        {
            if ((e & 1) != 0) result *= b;
            b *= b;
        }
        return result;
    }

    private static bool IsFloat<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    internal static ReadOnlySpan<TTo> As<TFrom, TTo>(ReadOnlySpan<TFrom> s) where TFrom : struct where TTo : struct => MemoryMarshal.Cast<TFrom, TTo>(s);

    internal static Span<TTo> As<TFrom, TTo>(Span<TFrom> s) where TFrom : struct where TTo : struct => MemoryMarshal.Cast<TFrom, TTo>(s);
}
