namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>The same elements in a new shape; one dimension may be -1 (inferred). A view when contiguous.</summary>
    public Tensor Reshape(params int[] newShape)
    {
        var target = InferShape(newShape);
        if (IsContiguous) return View(target, ShapeUtil.ContiguousStrides(target), offset);
        return Copy().View(target, ShapeUtil.ContiguousStrides(target), 0);
    }

    private int[] InferShape(int[] newShape)
    {
        ArgumentNullException.ThrowIfNull(newShape);
        var target = ShapeUtil.CopyOf(newShape);
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < target.Length; i++)
        {
            if (target[i] == -1)
            {
                if (unknown >= 0) throw new ArgumentException($"Reshape: can only specify one unknown dimension in {ShapeUtil.Format(newShape)}");
                unknown = i;
            }
            else if (target[i] < 0) throw new ArgumentException($"Reshape: negative dimension in {ShapeUtil.Format(newShape)}");
            else known *= target[i];
        }
        if (unknown >= 0 && known != 0 && Size % known == 0) target[unknown] = (int)(Size / known);
        else if (unknown >= 0 || known != Size)
            throw new ArgumentException($"Reshape: cannot reshape tensor of size {Size} into shape {ShapeUtil.Format(newShape)}");
        return target;
    }

    /// <summary>The axes permuted (reversed when none are given), as a view.</summary>
    public Tensor Transpose(params int[] axes)
    {
        if (axes is null || axes.Length == 0)
        {
            axes = new int[NDim];
            for (int i = 0; i < NDim; i++) axes[i] = NDim - 1 - i;
        }
        if (axes.Length != NDim)
            throw new ArgumentException($"Transpose: axes ({string.Join(",", axes)}) don't match a tensor of shape {ShapeString}");
        var seen = new bool[NDim];
        var newShape = new int[NDim];
        var newStrides = new int[NDim];
        for (int i = 0; i < NDim; i++)
        {
            int a = ShapeUtil.NormalizeAxis(axes[i], NDim, "Transpose");
            if (seen[a]) throw new ArgumentException($"Transpose: repeated axis in ({string.Join(",", axes)})");
            seen[a] = true;
            newShape[i] = shape[a];
            newStrides[i] = strides[a];
        }
        return View(newShape, newStrides, offset);
    }

    /// <summary>The transpose (all axes reversed).</summary>
    public Tensor T => Transpose();

    /// <summary>Two axes exchanged, as a view.</summary>
    public Tensor SwapAxes(int axis1, int axis2)
    {
        var axes = Enumerable.Range(0, NDim).ToArray();
        int a = ShapeUtil.NormalizeAxis(axis1, NDim, "SwapAxes"), b = ShapeUtil.NormalizeAxis(axis2, NDim, "SwapAxes");
        (axes[a], axes[b]) = (axes[b], axes[a]);
        return Transpose(axes);
    }

    /// <summary>A new axis of length 1 inserted at <paramref name="axis"/> (-1 appends), as a view.</summary>
    public Tensor ExpandDims(int axis)
    {
        int a = ShapeUtil.NormalizeAxis(axis, NDim + 1, "ExpandDims");
        var newShape = new List<int>(shape);
        var newStrides = new List<int>(strides);
        newShape.Insert(a, 1);
        newStrides.Insert(a, a < NDim ? strides[a] * shape[a] : 1);
        return View(newShape.ToArray(), newStrides.ToArray(), offset);
    }

    /// <summary>Length-1 axes removed: all of them, or the given ones (which must have length 1).</summary>
    public Tensor Squeeze(params int[] axes)
    {
        var drop = new bool[NDim];
        if (axes is null || axes.Length == 0)
            for (int i = 0; i < NDim; i++) drop[i] = shape[i] == 1;
        foreach (int a in axes ?? [])
        {
            int n = ShapeUtil.NormalizeAxis(a, NDim, "Squeeze");
            if (shape[n] != 1)
                throw new ArgumentException($"Squeeze: cannot select an axis to squeeze out which has size not equal to one (axis {a} of shape {ShapeString})");
            drop[n] = true;
        }
        var newShape = new List<int>();
        var newStrides = new List<int>();
        for (int i = 0; i < NDim; i++)
        {
            if (drop[i]) continue;
            newShape.Add(shape[i]);
            newStrides.Add(strides[i]);
        }
        return View(newShape.ToArray(), newStrides.ToArray(), offset);
    }

    /// <summary>All elements as one dimension (a view when contiguous, as NumPy's ravel).</summary>
    public Tensor Flatten() => Reshape(-1);

    /// <summary>A read-only view with the NumPy broadcast of this tensor to <paramref name="newShape"/>.</summary>
    public Tensor BroadcastTo(params int[] newShape)
    {
        ArgumentNullException.ThrowIfNull(newShape);
        foreach (int d in newShape)
            if (d < 0) throw new ArgumentException($"BroadcastTo: negative dimension in {ShapeUtil.Format(newShape)}");
        var newStrides = ShapeUtil.BroadcastStrides(shape, strides, newShape, "BroadcastTo");
        return View(ShapeUtil.CopyOf(newShape), newStrides, offset, readOnly: true);
    }

    /// <summary>Tensors joined along an existing axis; all other dimensions must match.</summary>
    public static Tensor Concat(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        var first = FirstOf(tensors, "Concat");
        if (first.NDim == 0) throw new ArgumentException("Concat: zero-dimensional tensors cannot be concatenated");
        int a = ShapeUtil.NormalizeAxis(axis, first.NDim, "Concat");
        var dtype = tensors.Select(t => t.DType).Max();
        int total = 0;
        foreach (var t in tensors)
        {
            CheckSameExcept(first, t, a, "Concat");
            total += t.shape[a];
        }
        var outShape = first.Shape;
        outShape[a] = total;
        CheckDevice("Concat", first.Device, [.. tensors]);
        var result = Empty(dtype, outShape, first.Device);
        int start = 0;
        foreach (var t in tensors)
        {
            result.Narrow(a, start, t.shape[a]).Assign(t);
            start += t.shape[a];
        }
        return result;
    }

    /// <summary>Tensors of one shape joined along a new axis.</summary>
    public static Tensor Stack(IReadOnlyList<Tensor> tensors, int axis = 0)
    {
        var first = FirstOf(tensors, "Stack");
        int a = ShapeUtil.NormalizeAxis(axis, first.NDim + 1, "Stack");
        foreach (var t in tensors)
            if (!ShapeUtil.SameShape(t.shape, first.shape))
                throw new ArgumentException($"Stack: all tensors must have the same shape, got {first.ShapeString} and {t.ShapeString}");
        return Concat(tensors.Select(t => t.ExpandDims(a)).ToArray(), a);
    }

    /// <summary>Split into <paramref name="sections"/> equal parts along <paramref name="axis"/> (views).</summary>
    public Tensor[] Split(int sections, int axis = 0)
    {
        int a = ShapeUtil.NormalizeAxis(axis, NDim, "Split");
        if (sections <= 0 || shape[a] % sections != 0)
            throw new ArgumentException($"Split: axis {axis} of length {shape[a]} does not divide into {sections} equal sections");
        int step = shape[a] / sections;
        return Split(Enumerable.Range(1, sections - 1).Select(i => i * step).ToArray(), a);
    }

    /// <summary>Split before each of the given increasing indices along <paramref name="axis"/> (views), like NumPy's split.</summary>
    public Tensor[] Split(int[] indices, int axis)
    {
        ArgumentNullException.ThrowIfNull(indices);
        int a = ShapeUtil.NormalizeAxis(axis, NDim, "Split");
        // NumPy splits by slicing, so a negative index counts from the end and one past the end clamps.
        var bounds = indices.Select(k => Math.Clamp(k < 0 ? k + shape[a] : k, 0, shape[a])).ToArray();
        var parts = new Tensor[indices.Length + 1];
        int start = 0;
        for (int i = 0; i <= indices.Length; i++)
        {
            int end = i < indices.Length ? bounds[i] : shape[a];
            if (i < indices.Length && i > 0 && bounds[i] < bounds[i - 1])
                throw new ArgumentException($"Split: indices ({string.Join(",", indices)}) must be increasing");
            end = Math.Max(end, start);
            parts[i] = Narrow(a, start, end - start);
            start = end;
        }
        return parts;
    }

    /// <summary>The view of <paramref name="length"/> entries from <paramref name="start"/> along <paramref name="axis"/>.</summary>
    public Tensor Narrow(int axis, int start, int length)
    {
        int a = ShapeUtil.NormalizeAxis(axis, NDim, "Narrow");
        if (start < 0 || length < 0 || start + length > shape[a])
            throw new ArgumentOutOfRangeException(nameof(start), $"Narrow: range [{start}, {start + length}) is out of bounds for axis {axis} with size {shape[a]}");
        var newShape = Shape;
        newShape[a] = length;
        // An empty view keeps the offset: on an empty tensor, start * stride could point past the end of storage.
        return View(newShape, Strides, offset + (ShapeUtil.Size(newShape) > 0 ? start * strides[a] : 0));
    }

    private static Tensor FirstOf(IReadOnlyList<Tensor> tensors, string op)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        if (tensors.Count == 0) throw new ArgumentException($"{op}: need at least one tensor");
        return tensors[0];
    }

    private static void CheckSameExcept(Tensor first, Tensor t, int axis, string op)
    {
        bool same = t.NDim == first.NDim;
        for (int i = 0; same && i < t.NDim; i++) same = i == axis || t.shape[i] == first.shape[i];
        if (!same)
            throw new ArgumentException($"{op}: shapes {first.ShapeString} and {t.ShapeString} differ outside axis {axis}");
    }
}
