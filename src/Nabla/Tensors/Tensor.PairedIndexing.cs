namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// Several integer arrays broadcast together and checked against their axes: each array's positions (one
    /// per element of the broadcast shape), and that shape.
    /// </summary>
    private static (int[][] Positions, int[] Shape) PairedPositions(Resolved r, string op)
    {
        var arrays = r.Paired!;
        int[] shape = arrays[0].Shape;
        for (int j = 1; j < arrays.Length; j++)
        {
            if (!ShapeUtil.SameShape(shape, arrays[j].shape) && !CanBroadcast(shape, arrays[j].shape))
                throw new IndexOutOfRangeException(
                    $"{op}: shape mismatch: indexing arrays could not be broadcast together with shapes {string.Join(" ", arrays.Select(a => a.ShapeString))}");
            shape = ShapeUtil.Broadcast(shape, arrays[j].shape, op);
        }
        var positions = new int[arrays.Length][];
        for (int j = 0; j < arrays.Length; j++)
        {
            int axis = r.PairedAxes![j];
            positions[j] = r.View.CheckedIndices(arrays[j].BroadcastTo(shape), r.View.shape[axis], axis, op);
        }
        return (positions, shape);
    }

    private static bool CanBroadcast(int[] a, int[] b)
    {
        for (int i = 1; i <= Math.Min(a.Length, b.Length); i++)
            if (a[^i] != b[^i] && a[^i] != 1 && b[^i] != 1) return false;
        return true;
    }

    /// <summary>The shape of the view without its indexed axes: the axes an element of the index arrays selects.</summary>
    private static int[] RestOrder(Resolved r) =>
        Enumerable.Range(0, r.View.NDim).Where(d => !r.PairedAxes!.Contains(d)).ToArray();

    /// <summary>
    /// Reading with paired arrays: the indexed axes are moved to the front and merged into one, whose flat
    /// positions are then taken; the broadcast index shape goes where the first array was, or first when the
    /// advanced indices are not adjacent (NumPy's rule).
    /// </summary>
    private static Tensor TakePaired(Resolved r)
    {
        var (positions, indexShape) = PairedPositions(r, "Index");
        var view = r.View;
        var rest = RestOrder(r);
        var merged = view.Transpose([.. r.PairedAxes!, .. rest]);
        int flatLength = 1;
        foreach (int a in r.PairedAxes!) flatLength *= view.shape[a];
        merged = merged.Reshape([flatLength, .. rest.Select(d => view.shape[d])]);
        var flat = new long[positions[0].Length];
        for (int k = 0; k < flat.Length; k++)
        {
            long p = 0;
            for (int j = 0; j < positions.Length; j++) p = p * view.shape[r.PairedAxes[j]] + positions[j][k];
            flat[k] = p;
        }
        var taken = merged.Take(FromArray(flat).Reshape(indexShape), 0, "Index");
        return r.ToFront ? taken : MoveFrontAxesTo(taken, r.PairedAxes[0], indexShape.Length);
    }

    /// <summary>Writing with paired arrays: <paramref name="apply"/> on each selected element (or row) in index order, so repeats accumulate or the last wins.</summary>
    private static void ForEachPaired(Resolved r, Tensor values, string op, Action<Tensor, Tensor> apply)
    {
        var view = r.View;
        if (ReferenceEquals(values.storage, view.storage)) values = values.Copy();
        var (positions, indexShape) = PairedPositions(r, op);
        var restShape = RestOrder(r).Select(d => view.shape[d]).ToArray();
        int first = r.PairedAxes![0];
        var resultShape = r.ToFront
            ? [.. indexShape, .. restShape]
            : restShape[..first].Concat(indexShape).Concat(restShape[first..]).ToArray();
        ShapeUtil.BroadcastStrides(values.shape, values.strides, resultShape, op);
        var v = values.BroadcastTo(resultShape);
        if (!r.ToFront) v = MoveAxesToFront(v, first, indexShape.Length);
        v = v.Reshape([positions[0].Length, .. restShape]);
        for (int k = 0; k < positions[0].Length; k++)
        {
            var target = view;
            for (int j = 0; j < positions.Length; j++) target = target.Narrow(r.PairedAxes[j], positions[j][k], 1);
            apply(target, v.Narrow(0, k, 1).Reshape(target.Shape));
        }
    }
}
