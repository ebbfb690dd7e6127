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
        var current = (int[])offsets.Clone();
        var counter = new int[nd];
        while (true)
        {
            visitor.Row(current, inner, rowLength);
            if (!Advance(dims, dimStrides, counter, current, nd - 2)) return;
        }
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
