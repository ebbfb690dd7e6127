namespace Nabla.Tensors.Kernels;

/// <summary>
/// The one generic strided path: walks several operands of the same (broadcast) shape together, row by
/// row. Dimensions of size 1 are dropped and adjacent dimensions that are contiguous for every operand are
/// merged, so a broadcast of (100,1000) with (1000,) becomes 100 rows and plain same-shape data one row.
/// </summary>
internal static class StridedLoop
{
    /// <summary>Visits every row of <paramref name="shape"/>; operand k starts at offsets[k] with strides[k] (already broadcast).</summary>
    public static void Run<TVisitor>(ReadOnlySpan<int> shape, int[][] strides, int[] offsets, ref TVisitor visitor)
        where TVisitor : struct, IRowVisitor
    {
        foreach (int d in shape)
            if (d == 0) return;
        int ops = strides.Length;
        var (dims, dimStrides) = Coalesce(shape, strides);
        int nd = dims.Length;
        if (nd == 0)
        {
            visitor.Row(offsets, new int[ops], 1);
            return;
        }
        var inner = new int[ops];
        for (int k = 0; k < ops; k++) inner[k] = dimStrides[k][nd - 1];
        int rowLength = dims[nd - 1];
        var current = ShapeUtil.CopyOf(offsets);
        var counter = new int[nd];
        while (true)
        {
            visitor.Row(current, inner, rowLength);
            if (!Advance(dims, dimStrides, counter, current, nd - 2)) return;
        }
    }

    /// <summary>
    /// As <see cref="Run"/>, but with enough elements the outermost (coalesced) dimension is split across threads,
    /// each walking its own rows. Only for visitors whose rows write disjoint elements (elementwise results, not
    /// reductions into a shared slot); the visitor is copied to each thread.
    /// </summary>
    public static void RunParallel<TVisitor>(ReadOnlySpan<int> shape, int[][] strides, int[] offsets, TVisitor visitor)
        where TVisitor : struct, IRowVisitor
    {
        int size = ShapeUtil.Size(shape);
        int pieces = Chunks.Count(size);
        if (pieces == 1 || size == 0)
        {
            Run(shape, strides, offsets, ref visitor);
            return;
        }
        var (dims, dimStrides) = Coalesce(shape, strides);
        if (dims.Length < 2)
        {
            Run(shape, strides, offsets, ref visitor);
            return;
        }
        RunPieces(dims, dimStrides, offsets, size, visitor);
    }

    /// <summary>
    /// <see cref="RunParallel"/> over <paramref name="dst"/>'s shape with <paramref name="operands"/> broadcast to it
    /// (operand k + 1 of the visitor; the destination is operand 0); a shape that does not broadcast throws, naming <paramref name="op"/>.
    /// </summary>
    public static void Broadcast<TVisitor>(Tensor dst, string op, TVisitor visitor, params ReadOnlySpan<Tensor> operands)
        where TVisitor : struct, IRowVisitor
    {
        var strides = new int[operands.Length + 1][];
        var offsets = new int[operands.Length + 1];
        (strides[0], offsets[0]) = (dst.Strides, dst.Offset);
        for (int k = 0; k < operands.Length; k++)
        {
            var t = operands[k];
            (strides[k + 1], offsets[k + 1]) = (ShapeUtil.BroadcastStrides(t.ShapeSpan, t.StrideSpan, dst.ShapeSpan, op), t.Offset);
        }
        RunParallel(dst.ShapeSpan, strides, offsets, visitor);
    }

    // Apart so that the closure is only allocated when threads are used.
    private static void RunPieces<TVisitor>(int[] dims, int[][] dimStrides, int[] offsets, int size, TVisitor visitor)
        where TVisitor : struct, IRowVisitor
    {
        Chunks.ForRows(dims[0], size / dims[0], (first, count) =>
        {
            // This piece is the block of outer indexes [first, first + count): the same walk, shorter and shifted.
            var v = visitor;
            int[] block = [count, .. dims[1..]];
            var start = new int[offsets.Length];
            for (int k = 0; k < offsets.Length; k++) start[k] = offsets[k] + first * dimStrides[k][0];
            Run(block, dimStrides, start, ref v);
        });
    }

    /// <summary>Moves the odometer over the outer dimensions; false once every row was visited.</summary>
    private static bool Advance(int[] dims, int[][] strides, int[] counter, int[] current, int last)
    {
        for (int axis = last; axis >= 0; axis--)
        {
            counter[axis]++;
            for (int k = 0; k < current.Length; k++) current[k] += strides[k][axis];
            if (counter[axis] < dims[axis]) return true;
            for (int k = 0; k < current.Length; k++) current[k] -= strides[k][axis] * dims[axis];
            counter[axis] = 0;
        }
        return false;
    }

    /// <summary>Drops size-1 dimensions and merges neighbours that are contiguous for every operand.</summary>
    private static (int[] Dims, int[][] Strides) Coalesce(ReadOnlySpan<int> shape, int[][] strides)
    {
        int ops = strides.Length;
        var dims = new List<int>(shape.Length);
        var st = new List<int>[ops];
        for (int k = 0; k < ops; k++) st[k] = new List<int>(shape.Length);
        for (int i = 0; i < shape.Length; i++)
        {
            if (shape[i] == 1) continue;
            int last = dims.Count - 1;
            if (last >= 0 && Mergeable(st, last, strides, i, shape[i]))
            {
                dims[last] *= shape[i];
                for (int k = 0; k < ops; k++) st[k][last] = strides[k][i];
                continue;
            }
            dims.Add(shape[i]);
            for (int k = 0; k < ops; k++) st[k].Add(strides[k][i]);
        }
        var result = new int[ops][];
        for (int k = 0; k < ops; k++) result[k] = st[k].ToArray();
        return (dims.ToArray(), result);
    }

    /// <summary>The block so far (outer) absorbs axis i (inner) when each operand's outer stride is one full inner row.</summary>
    private static bool Mergeable(List<int>[] st, int last, int[][] strides, int i, int length)
    {
        for (int k = 0; k < st.Length; k++)
            if (st[k][last] != strides[k][i] * length) return false;
        return true;
    }
}
