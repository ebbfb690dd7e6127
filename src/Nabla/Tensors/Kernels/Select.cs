namespace Nabla.Tensors.Kernels;

/// <summary><c>dst = cond ? x : y</c> elementwise with broadcasting (NumPy's <c>where</c>).</summary>
internal static class Select
{
    public static void Run(Tensor cond, Tensor x, Tensor y, Tensor dst)
    {
        switch (dst.DType)
        {
            case DType.Float32: Run<float>(cond, x, y, dst); break;
            case DType.Float64: Run<double>(cond, x, y, dst); break;
            case DType.Int32: Run<int>(cond, x, y, dst); break;
            case DType.Int64: Run<long>(cond, x, y, dst); break;
            case DType.Bool: Run<bool>(cond, x, y, dst); break;
        }
    }

    private static void Run<T>(Tensor cond, Tensor x, Tensor y, Tensor dst) where T : unmanaged
    {
        if (cond.IsContiguous && x.IsContiguous && y.IsContiguous && dst.IsContiguous && ShapeUtil.SameShape(cond.ShapeSpan, dst.ShapeSpan)
            && ShapeUtil.SameShape(x.ShapeSpan, dst.ShapeSpan) && ShapeUtil.SameShape(y.ShapeSpan, dst.ShapeSpan))
        {
            int pieces = Chunks.Count(dst.Size);
            if (pieces == 1) Range<T>(cond, x, y, dst, 0, dst.Size);
            else RunParallel<T>(cond, x, y, dst, pieces);
            return;
        }
        StridedLoop.Broadcast(dst, "Where", new Visitor<T>(dst.Buffer<T>(), cond.Buffer<bool>(), x.Buffer<T>(), y.Buffer<T>()), cond, x, y);
    }

    private static void RunParallel<T>(Tensor cond, Tensor x, Tensor y, Tensor dst, int pieces) where T : unmanaged =>
        Chunks.For(dst.Size, pieces, (start, length) => Range<T>(cond, x, y, dst, start, length));

    private static void Range<T>(Tensor cond, Tensor x, Tensor y, Tensor dst, int start, int length) where T : unmanaged
    {
        var c = cond.Span<bool>().Slice(start, length);
        var xs = x.Span<T>().Slice(start, length);
        var ys = y.Span<T>().Slice(start, length);
        var d = dst.Span<T>().Slice(start, length);
        for (int i = 0; i < d.Length; i++) d[i] = c[i] ? xs[i] : ys[i];
    }

    private readonly struct Visitor<T>(T[] d, bool[] c, T[] x, T[] y) : IRowVisitor where T : unmanaged
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            for (int i = 0; i < n; i++)
                d[o[0] + i * s[0]] = c[o[1] + i * s[1]] ? x[o[2] + i * s[2]] : y[o[3] + i * s[3]];
        }
    }
}
