namespace Nabla.Tensors.Kernels;

/// <summary>Strided copy of one tensor into another of the same dtype; the source broadcasts to the destination's shape.</summary>
internal static class Copy
{
    public static void Run(Tensor src, Tensor dst)
    {
        switch (dst.DType)
        {
            case DType.Float32: Run<float>(src, dst); break;
            case DType.Float64: Run<double>(src, dst); break;
            case DType.Int32: Run<int>(src, dst); break;
            case DType.Int64: Run<long>(src, dst); break;
            case DType.Bool: Run<bool>(src, dst); break;
        }
    }

    private static void Run<T>(Tensor src, Tensor dst) where T : unmanaged
    {
        if (dst.IsContiguous && src.IsContiguous && (src.Size == 1 || ShapeUtil.SameShape(src.ShapeSpan, dst.ShapeSpan)))
        {
            // Only to throw the usual error when one value cannot broadcast (more dimensions than dst).
            if (src.NDim > dst.NDim) ShapeUtil.BroadcastStrides(src.ShapeSpan, src.StrideSpan, dst.ShapeSpan, "Copy");
            int pieces = Chunks.Count(dst.Size);
            if (pieces == 1) Range<T>(src, dst, 0, dst.Size);
            else RunParallel<T>(src, dst, pieces);
            return;
        }
        StridedLoop.Broadcast(dst, "Copy", new Visitor<T>(dst.Buffer<T>(), src.Buffer<T>()), src);
    }

    private static void RunParallel<T>(Tensor src, Tensor dst, int pieces) where T : unmanaged =>
        Chunks.For(dst.Size, pieces, (start, length) => Range<T>(src, dst, start, length));

    /// <summary>Elements [start, start+length) of a contiguous destination from a contiguous source of its size or of one value.</summary>
    private static void Range<T>(Tensor src, Tensor dst, int start, int length) where T : unmanaged
    {
        var d = dst.Span<T>().Slice(start, length);
        if (src.Size == 1) d.Fill(src.Buffer<T>()[src.Offset]);
        else src.Span<T>().Slice(start, length).CopyTo(d);
    }

    private readonly struct Visitor<T>(T[] dst, T[] src) : IRowVisitor where T : unmanaged
    {
        public void Row(ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides, int length)
        {
            int d = offsets[0], s = offsets[1], ds = strides[0], ss = strides[1];
            if (ds == 1 && ss == 1)
            {
                src.AsSpan(s, length).CopyTo(dst.AsSpan(d, length));
                return;
            }
            if (ds == 1 && ss == 0)
            {
                dst.AsSpan(d, length).Fill(src[s]);
                return;
            }
            for (int i = 0; i < length; i++) dst[d + i * ds] = src[s + i * ss];
        }
    }
}
