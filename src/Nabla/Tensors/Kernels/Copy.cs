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
        var srcStrides = ShapeUtil.BroadcastStrides(src.ShapeSpan, src.StrideSpan, dst.ShapeSpan, "Copy");
        var visitor = new Visitor<T>(dst.Buffer<T>(), src.Buffer<T>());
        StridedLoop.Run(dst.ShapeSpan, [dst.Strides, srcStrides], [dst.Offset, src.Offset], ref visitor);
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
