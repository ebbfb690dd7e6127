namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// Host-side preparation of strided kernel parameters: drops length-1 axes and merges neighbouring axes that every
/// operand walks contiguously, so a contiguous or scalar-broadcast operation becomes rank 1 (no divisions in the
/// kernel), and NumPy shapes of any rank fit the 8 dimensions of <see cref="Layout8"/> when they can.
/// </summary>
internal static class Strided
{
    /// <summary>The coalesced layout of <paramref name="shape"/> and one view per operand (strides already broadcast to the shape).</summary>
    public static Layout8 Build(ReadOnlySpan<int> shape, ReadOnlySpan<int[]> strides, ReadOnlySpan<int> offsets, Span<View8> views, string op)
    {
        int ops = strides.Length;
        // Merged dimensions, outermost first.
        Span<int> dims = stackalloc int[Math.Max(shape.Length, 1)];
        var merged = new int[ops][];
        for (int k = 0; k < ops; k++) merged[k] = new int[Math.Max(shape.Length, 1)];
        int rank = 0;
        for (int d = 0; d < shape.Length; d++)
        {
            if (shape[d] == 1) continue;
            if (rank > 0 && CanMerge(merged, strides, rank - 1, d, shape[d]))
            {
                dims[rank - 1] *= shape[d];
                for (int k = 0; k < ops; k++) merged[k][rank - 1] = strides[k][d];
                continue;
            }
            dims[rank] = shape[d];
            for (int k = 0; k < ops; k++) merged[k][rank] = strides[k][d];
            rank++;
        }
        if (rank > 8) throw new NotSupportedException($"{op}: {rank} non-mergeable dimensions exceed the 8 the ILGPU kernels take");
        var layout = new Layout8 { Rank = Math.Max(rank, 1), D0 = 1 };
        for (int d = 0; d < rank; d++) layout.Set(rank - 1 - d, dims[d]);
        for (int k = 0; k < ops; k++)
        {
            var v = new View8 { Offset = offsets[k] };
            for (int d = 0; d < rank; d++) v.Set(rank - 1 - d, merged[k][d]);
            views[k] = v;
        }
        return layout;
    }

    // Outer axis (previous group, now innermost stride s_prev) merges with axis d when s_prev == stride[d] * shape[d] for every operand.
    private static bool CanMerge(int[][] merged, ReadOnlySpan<int[]> strides, int group, int d, int length)
    {
        for (int k = 0; k < merged.Length; k++)
            if (merged[k][group] != strides[k][d] * length) return false;
        return true;
    }

    /// <summary>The layout and view of a tensor broadcast to <paramref name="shape"/>.</summary>
    public static int[] BroadcastStrides(Tensor t, ReadOnlySpan<int> shape, string op) =>
        ShapeUtil.BroadcastStrides(t.ShapeSpan, t.StrideSpan, shape, op);
}
