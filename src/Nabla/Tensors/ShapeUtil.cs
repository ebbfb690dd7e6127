namespace Nabla.Tensors;

/// <summary>Shape arithmetic shared by all tensor operations.</summary>
internal static class ShapeUtil
{
    /// <summary>NumPy's way of writing a shape: <c>(2,3)</c>, <c>(4,)</c>, <c>()</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) =>
        shape.Length == 1 ? $"({shape[0]},)" : "(" + string.Join(",", shape.ToArray()) + ")";

    public static int Size(ReadOnlySpan<int> shape, string op = "Tensor")
    {
        long size = 1;
        foreach (int d in shape)
        {
            if (d < 0) throw new ArgumentException($"{op}: negative dimension in shape {Format(shape)}");
            size *= d;
            if (size > Array.MaxLength) throw new ArgumentException($"{op}: shape {Format(shape)} has too many elements");
        }
        return (int)size;
    }

    public static int[] ContiguousStrides(ReadOnlySpan<int> shape)
    {
        if (shape.Length == 0) return [];
        var strides = new int[shape.Length];
        int s = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = s;
            s *= Math.Max(shape[i], 1);
        }
        return strides;
    }

    /// <summary>Turns a possibly negative axis into 0..ndim-1, or throws naming the operation.</summary>
    public static int NormalizeAxis(int axis, int ndim, string op)
    {
        int a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim)
            throw new ArgumentOutOfRangeException(nameof(axis), $"{op}: axis {axis} is out of bounds for a tensor of dimension {ndim}");
        return a;
    }

    /// <summary>Normalised, sorted, distinct-checked axes; null means all axes.</summary>
    public static int[] NormalizeAxes(int[]? axes, int ndim, string op)
    {
        if (axes is null) return Enumerable.Range(0, ndim).ToArray();
        var result = new int[axes.Length];
        for (int i = 0; i < axes.Length; i++) result[i] = NormalizeAxis(axes[i], ndim, op);
        Array.Sort(result);
        for (int i = 1; i < result.Length; i++)
            if (result[i] == result[i - 1])
                throw new ArgumentException($"{op}: repeated axis in ({string.Join(",", axes)})");
        return result;
    }

    /// <summary>The NumPy broadcast of two shapes, or an exception naming the operation and both shapes.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b, string op)
    {
        int n = Math.Max(a.Length, b.Length);
        if (n == 0) return [];
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            int da = i < n - a.Length ? 1 : a[i - (n - a.Length)];
            int db = i < n - b.Length ? 1 : b[i - (n - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new ArgumentException($"{op}: cannot broadcast {Format(a)} with {Format(b)}");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>Strides that read a tensor of shape <paramref name="shape"/> as if it had shape <paramref name="target"/> (0 on broadcast axes).</summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> shape, ReadOnlySpan<int> strides, ReadOnlySpan<int> target, string op)
    {
        if (shape.Length > target.Length)
            throw new ArgumentException($"{op}: cannot broadcast {Format(shape)} to {Format(target)}");
        if (target.Length == 0) return [];
        var result = new int[target.Length];
        int lead = target.Length - shape.Length;
        for (int i = 0; i < shape.Length; i++)
        {
            int d = shape[i], t = target[lead + i];
            if (d == t) result[lead + i] = strides[i];
            else if (d == 1) result[lead + i] = 0;
            else throw new ArgumentException($"{op}: cannot broadcast {Format(shape)} to {Format(target)}");
        }
        return result;
    }

    /// <summary>A copy of <paramref name="values"/> (a span copy: cheaper than Array.Clone for the short arrays of shapes and indexes).</summary>
    public static T[] CopyOf<T>(T[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.AsSpan().ToArray();
    }

    public static bool SameShape(ReadOnlySpan<int> a, ReadOnlySpan<int> b) => a.SequenceEqual(b);
}
