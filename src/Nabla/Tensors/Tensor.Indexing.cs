namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// NumPy indexing. Integers, slices, <see cref="TensorIndex.NewAxis"/> and <see cref="TensorIndex.Ellipsis"/>
    /// give a view; one integer array (or a Bool mask of the same shape as the tensor) selects a copy along its axis, and
    /// several integer arrays are paired as in NumPy (broadcast together, one element per tuple of indices:
    /// <c>x[new[] { 0, 1 }, new[] { 2, 0 }]</c> is x[0, 2], x[1, 0]).
    /// Setting writes through (broadcasting the value); with repeated indices the last write wins.
    /// </summary>
    [System.Runtime.CompilerServices.IndexerName("At")]
    public Tensor this[params TensorIndex[] index]
    {
        get
        {
            var r = Resolve(index);
            if (r.Paired is not null) return TakePaired(r);
            if (r.Indices is null) return r.View;
            var taken = r.View.Take(r.Indices, r.Axis, "Index");
            return r.ToFront ? MoveAxesToFront(taken, r.Axis, r.Indices.NDim) : taken;
        }
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            WriteSelected(index, value, "SetItem", static (target, v) => target.Assign(v));
        }
    }

    /// <summary>
    /// Scatter-add, NumPy's <c>np.add.at(this, index, values)</c>: adds <paramref name="values"/> into the selected
    /// elements in place, accumulating repeated indices. This is the backward of indexing.
    /// </summary>
    public void AddAt(Tensor values, params TensorIndex[] index)
    {
        ArgumentNullException.ThrowIfNull(values);
        WriteSelected(index, values, "AddAt", static (target, v) => target.AddInPlace(v));
    }

    /// <summary>
    /// <paramref name="write"/> (assign or add) of <paramref name="values"/> into the elements <paramref name="index"/>
    /// selects: the view itself for basic indexing, else each selected block in turn (so repeated indices accumulate).
    /// </summary>
    private void WriteSelected(TensorIndex[] index, Tensor values, string op, Action<Tensor, Tensor> write)
    {
        var r = Resolve(index, forWrite: true);
        if (r.Paired is not null) ForEachPaired(r, values, op, write);
        else if (r.Indices is null) write(r.View, values);
        else ForEachSelected(r, values, op, write);
    }

    /// <summary>The entries at <paramref name="indices"/> (any integer tensor; negatives count from the end) along <paramref name="axis"/>.</summary>
    public Tensor Take(Tensor indices, int axis = 0) => Take(indices, axis, "Take");

    /// <summary>Take, with errors named after <paramref name="op"/> (the indexer reports them as "Index").</summary>
    private Tensor Take(Tensor indices, int axis, string op)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int a = ShapeUtil.NormalizeAxis(axis, NDim, op);
        var idx = CheckedIndices(indices, shape[a], a, op);
        var outShape = shape[..a].Concat(indices.shape).Concat(shape[(a + 1)..]).ToArray();
        var result = Empty(DType, outShape, Device);
        var flatShape = Shape;
        flatShape[a] = idx.Length;
        var rows = result.Reshape(flatShape);
        if (a == 0 && IsContiguous)
            Backend.TakeRows(this, idx, rows);
        else
            for (int k = 0; k < idx.Length; k++) rows.Narrow(a, k, 1).Assign(Narrow(a, idx[k], 1));
        return result;
    }

    private int[] CheckedIndices(Tensor indices, int length, int axis, string op)
    {
        if (!indices.DType.IsInteger())
            throw new ArgumentException($"{op}: arrays used as indices must be of integer type, got {indices.DType.Name()}");
        var raw = indices.AsType(DType.Int64).ToArray<long>();
        var idx = new int[raw.Length];
        for (int i = 0; i < raw.Length; i++)
        {
            long k = raw[i] < 0 ? raw[i] + length : raw[i];
            if (k < 0 || k >= length)
                throw new IndexOutOfRangeException($"{op}: index {raw[i]} is out of bounds for axis {axis} with size {length}");
            idx[i] = (int)k;
        }
        return idx;
    }

    /// <summary>
    /// The basic part of an index as a view, and its array part: one array (<see cref="Indices"/> along <see cref="Axis"/>),
    /// or several paired ones (<see cref="Paired"/> along <see cref="PairedAxes"/> of the view).
    /// </summary>
    private readonly record struct Resolved(Tensor View, Tensor? Indices, int Axis, bool ToFront,
        Tensor[]? Paired = null, int[]? PairedAxes = null);

    /// <summary>Applies the basic part of an index as a view and finds the one array part, if any.</summary>
    private Resolved Resolve(TensorIndex[] index, bool forWrite = false)
    {
        ArgumentNullException.ThrowIfNull(index);
        // Checked before the ellipsis expansion, which pads a lone mask with full slices on every axis after the first.
        if (index.Length == 1 && index[0].Kind == IndexKind.Array && index[0].Array!.DType == DType.Bool)
            return ResolveMask(index[0].Array!, forWrite);
        var items = ExpandEllipsis(index);
        var newShape = new List<int>();
        var newStrides = new List<int>();
        int off = offset, dim = 0, arrayAxis = -1, arrays = 0;
        var advanced = new List<int>();
        Tensor? indices = null;
        var arrayList = new List<Tensor>();
        var arrayAxes = new List<int>();
        for (int p = 0; p < items.Count; p++)
        {
            var item = items[p];
            switch (item.Kind)
            {
                case IndexKind.NewAxis:
                    newShape.Add(1);
                    newStrides.Add(0);
                    continue;
                case IndexKind.Integer:
                    int k = item.Integer < 0 ? item.Integer + shape[dim] : item.Integer;
                    if (k < 0 || k >= shape[dim])
                        throw new IndexOutOfRangeException($"Index: index {item.Integer} is out of bounds for axis {dim} with size {shape[dim]}");
                    off += k * strides[dim];
                    advanced.Add(p);
                    break;
                case IndexKind.Slice:
                    var (start, step, count) = item.SliceValue.Resolve(shape[dim], "Index");
                    if (count > 0) off += start * strides[dim];
                    newShape.Add(count);
                    newStrides.Add(strides[dim] * step);
                    break;
                case IndexKind.Array:
                    arrays++;
                    if (item.Array!.DType == DType.Bool)
                        throw new ArgumentException($"Index: a bool mask must be the only index and have the tensor's shape {ShapeString}");
                    arrayAxis = newShape.Count;
                    indices = item.Array;
                    arrayList.Add(item.Array);
                    arrayAxes.Add(newShape.Count);
                    advanced.Add(p);
                    newShape.Add(shape[dim]);
                    newStrides.Add(strides[dim]);
                    break;
            }
            dim++;
        }
        // An empty view keeps the original offset: stepping along an axis of an empty tensor (Zeros(3,0)[2])
        // could point past the end of its storage, and kernels take spans from the offset.
        if (newShape.Contains(0)) off = offset;
        var view = View(newShape.ToArray(), newStrides.ToArray(), off);
        bool adjacent = advanced.Count == 0 || advanced[^1] - advanced[0] == advanced.Count - 1;
        if (arrays > 1) return new Resolved(view, null, arrayAxes[0], !adjacent, [.. arrayList], [.. arrayAxes]);
        return new Resolved(view, indices, arrayAxis, indices is not null && !adjacent);
    }

    private List<TensorIndex> ExpandEllipsis(TensorIndex[] index)
    {
        int consuming = index.Count(i => i.Kind is not (IndexKind.NewAxis or IndexKind.Ellipsis));
        int ellipses = index.Count(i => i.Kind == IndexKind.Ellipsis);
        if (ellipses > 1) throw new ArgumentException("Index: an index can only have a single ellipsis");
        if (consuming > NDim)
            throw new IndexOutOfRangeException($"Index: too many indices for tensor of dimension {NDim} ({consuming} given, shape {ShapeString})");
        var items = new List<TensorIndex>();
        foreach (var i in index)
        {
            if (i.Kind != IndexKind.Ellipsis) items.Add(i);
            else for (int k = 0; k < NDim - consuming; k++) items.Add(Slice.All);
        }
        if (ellipses == 0)
            for (int k = consuming; k < NDim; k++) items.Add(Slice.All);
        return items;
    }

    private Resolved ResolveMask(Tensor mask, bool forWrite)
    {
        if (forWrite && !IsContiguous)
            throw new NotSupportedException($"Index: writing through a bool mask needs a contiguous tensor (this one has shape {ShapeString} and strides ({string.Join(",", strides)})); call Contiguous() first");
        if (!ShapeUtil.SameShape(mask.shape, shape))
            throw new ArgumentException($"Index: boolean index of shape {mask.ShapeString} does not match tensor of shape {ShapeString}");
        var flags = mask.ToArray<bool>();
        var selected = new List<long>();
        for (int i = 0; i < flags.Length; i++)
            if (flags[i]) selected.Add(i);
        return new Resolved(Reshape(-1), FromArray(selected.ToArray()), 0, false);
    }

    /// <summary>Calls <paramref name="apply"/> for each selected slice with the matching slice of <paramref name="values"/>.</summary>
    private static void ForEachSelected(Resolved r, Tensor values, string op, Action<Tensor, Tensor> apply)
    {
        var view = r.View;
        // The slices are written one by one, so a value that shares storage with the target (x[[1,0]] = x)
        // would be read after being overwritten; NumPy buffers such a value, and so do we.
        if (ReferenceEquals(values.storage, view.storage)) values = values.Copy();
        int a = r.Axis, n = r.Indices!.NDim;
        var resultShape = view.shape[..a].Concat(r.Indices.shape).Concat(view.shape[(a + 1)..]).ToArray();
        if (r.ToFront) resultShape = r.Indices.shape.Concat(resultShape[..a]).Concat(resultShape[(a + n)..]).ToArray();
        ShapeUtil.BroadcastStrides(values.shape, values.strides, resultShape, op);
        var v = values.BroadcastTo(resultShape);
        if (r.ToFront) v = MoveFrontAxesTo(v, a, n);
        var flat = view.Shape;
        flat[a] = r.Indices.Size;
        v = v.Reshape(flat);
        var idx = view.CheckedIndices(r.Indices, view.shape[a], a, op);
        for (int k = 0; k < idx.Length; k++) apply(view.Narrow(a, idx[k], 1), v.Narrow(a, k, 1));
    }

    /// <summary>NumPy's rule when advanced indices are not adjacent: the array's axes go first.</summary>
    private static Tensor MoveAxesToFront(Tensor t, int start, int count)
    {
        var order = Enumerable.Range(start, count).Concat(Enumerable.Range(0, start)).Concat(Enumerable.Range(start + count, t.NDim - start - count));
        return t.Transpose(order.ToArray());
    }

    private static Tensor MoveFrontAxesTo(Tensor t, int start, int count)
    {
        var order = Enumerable.Range(count, start).Concat(Enumerable.Range(0, count)).Concat(Enumerable.Range(start + count, t.NDim - start - count));
        return t.Transpose(order.ToArray());
    }
}
