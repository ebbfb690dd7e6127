using Nabla.Tensors.Kernels;

namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>Sum over all axes, or one axis; Bool and Int32 sum into Int64 (as NumPy does).</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Tensor Sum(int? axis = null, bool keepDims = false) => Sum(AxisList(axis), keepDims);

    /// <summary>Sum over the given axes (null: all).</summary>
    public Tensor Sum(int[]? axes, bool keepDims = false) => Reduction(ReduceOp.Sum, axes, keepDims, "Sum");

    /// <summary>Arithmetic mean; integers give Float32.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Tensor Mean(int? axis = null, bool keepDims = false) => Mean(AxisList(axis), keepDims);

    /// <summary>Arithmetic mean over the given axes (null: all); the mean of nothing is NaN, as in NumPy.</summary>
    public Tensor Mean(int[]? axes, bool keepDims = false)
    {
        var normalized = ShapeUtil.NormalizeAxes(axes, NDim, "Mean");
        long count = 1;
        foreach (int a in normalized) count *= shape[a];
        var dtype = DType.ToFloat();
        return AsType(dtype).Sum(axes, keepDims) / (double)count;
    }

    /// <summary>Maximum over all axes or one axis (NaN propagates); empty reductions throw.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Tensor Max(int? axis = null, bool keepDims = false) => Max(AxisList(axis), keepDims);

    /// <summary>Maximum over the given axes (null: all).</summary>
    public Tensor Max(int[]? axes, bool keepDims = false) => Reduction(ReduceOp.Max, axes, keepDims, "Max");

    /// <summary>Minimum over all axes or one axis (NaN propagates); empty reductions throw.</summary>
    [System.Runtime.CompilerServices.OverloadResolutionPriority(1)]
    public Tensor Min(int? axis = null, bool keepDims = false) => Min(AxisList(axis), keepDims);

    /// <summary>Minimum over the given axes (null: all).</summary>
    public Tensor Min(int[]? axes, bool keepDims = false) => Reduction(ReduceOp.Min, axes, keepDims, "Min");

    /// <summary>Index (Int64) of the largest value along <paramref name="axis"/>, or in the flattened tensor; the first one on ties.</summary>
    public Tensor ArgMax(int? axis = null, bool keepDims = false) => ArgReduction(true, axis, keepDims);

    /// <summary>Index (Int64) of the smallest value along <paramref name="axis"/>, or in the flattened tensor; the first one on ties.</summary>
    public Tensor ArgMin(int? axis = null, bool keepDims = false) => ArgReduction(false, axis, keepDims);

    /// <summary>
    /// Sums this tensor down to <paramref name="target"/>, the reverse of broadcasting: leading axes are summed
    /// away and axes where the target has length 1 are summed with keepdims.
    /// </summary>
    public Tensor SumTo(params int[] target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (ShapeUtil.SameShape(shape, target)) return this;
        int lead = NDim - target.Length;
        bool ok = lead >= 0;
        var axes = new List<int>();
        for (int i = 0; i < lead; i++) axes.Add(i);
        for (int i = 0; ok && i < target.Length; i++)
        {
            if (target[i] == shape[lead + i]) continue;
            if (target[i] == 1) axes.Add(lead + i);
            else ok = false;
        }
        if (!ok) throw new ArgumentException($"SumTo: cannot reduce {ShapeString} to {ShapeUtil.Format(target)}");
        var summed = Sum(axes.ToArray(), keepDims: true).Reshape(target);
        // Sum widens Int32 to Int64; SumTo undoes a broadcast, which kept the dtype, so it keeps it too
        // (otherwise the dtype would depend on whether any axis was summed). Bool counts stay Int64.
        return DType == DType.Int32 ? summed.AsType(DType.Int32) : summed;
    }

    private static int[]? AxisList(int? axis) => axis is int a ? [a] : null;

    private Tensor Reduction(ReduceOp op, int[]? axes, bool keepDims, string name)
    {
        var normalized = ShapeUtil.NormalizeAxes(axes, NDim, name);
        var keptShape = Shape;
        foreach (int a in normalized)
        {
            if (shape[a] == 0 && op != ReduceOp.Sum)
                throw new ArgumentException($"{name}: zero-size reduction over axis {a} of shape {ShapeString}, which has no identity");
            keptShape[a] = 1;
        }
        var dtype = DType;
        if (dtype == DType.Bool) dtype = op == ReduceOp.Sum ? DType.Int64 : DType.Int32;
        if (dtype == DType.Int32 && op == ReduceOp.Sum) dtype = DType.Int64;
        var result = Empty(dtype, keptShape, Device);
        Backend.Reduce(op, AsType(dtype), result);
        if (DType == DType.Bool && op != ReduceOp.Sum) result = result.AsType(DType.Bool);
        return keepDims ? result : result.Reshape(DropAxes(keptShape, normalized));
    }

    private static int[] DropAxes(int[] shape, int[] axes)
    {
        var kept = new List<int>();
        for (int i = 0; i < shape.Length; i++)
            if (Array.IndexOf(axes, i) < 0) kept.Add(shape[i]);
        return kept.ToArray();
    }

    private Tensor ArgReduction(bool max, int? axis, bool keepDims)
    {
        string name = max ? "ArgMax" : "ArgMin";
        if (axis is null)
        {
            var flat = Flatten();
            var index = flat.ArgReduction(max, 0, false);
            return keepDims ? index.Reshape(Enumerable.Repeat(1, NDim).ToArray()) : index;
        }
        int a = ShapeUtil.NormalizeAxis(axis.Value, NDim, name);
        if (shape[a] == 0) throw new ArgumentException($"{name}: attempt to get {name.ToLowerInvariant()} of an empty sequence (axis {axis} of shape {ShapeString})");
        var moved = SwapAxes(a, NDim - 1).AsType(DType == DType.Bool ? DType.Int32 : DType).Contiguous();
        var keptShape = Shape;
        keptShape[a] = 1;
        var movedShape = moved.Shape;
        movedShape[NDim - 1] = 1;
        var indices = EmptyUninitialized(DType.Int64, movedShape, Device);
        Backend.ArgReduce(max, moved, indices, shape[a]);
        var result = indices.SwapAxes(a, NDim - 1).Contiguous();
        return keepDims ? result : result.Reshape(DropAxes(keptShape, [a]));
    }
}
