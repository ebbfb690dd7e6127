namespace Nabla.Tensors;

/// <summary>
/// One entry of an index expression: <c>x[0, 1..3, new Slice(Step: 2), new[] { 2, 0 }, TensorIndex.NewAxis]</c>.
/// Converts implicitly from <c>int</c>, C# <see cref="Range"/>, <see cref="Slice"/>, <c>int[]</c>, <c>long[]</c> and <see cref="Tensor"/>.
/// </summary>
public readonly struct TensorIndex
{
    private TensorIndex(IndexKind kind, int integer = 0, Slice slice = default, Tensor? array = null)
    {
        Kind = kind;
        Integer = integer;
        SliceValue = slice;
        Array = array;
    }

    /// <summary>What this entry selects.</summary>
    public IndexKind Kind { get; }
    /// <summary>The position, for <see cref="IndexKind.Integer"/> (negative counts from the end; 0 otherwise).</summary>
    public int Integer { get; }
    /// <summary>The slice, for <see cref="IndexKind.Slice"/>.</summary>
    public Slice SliceValue { get; }
    /// <summary>The index array (integers, or a Bool mask), for <see cref="IndexKind.Array"/>; null otherwise.</summary>
    public Tensor? Array { get; }

    /// <summary>NumPy's <c>np.newaxis</c>.</summary>
    public static TensorIndex NewAxis => new(IndexKind.NewAxis);

    /// <summary>NumPy's <c>...</c>.</summary>
    public static TensorIndex Ellipsis => new(IndexKind.Ellipsis);

    /// <summary>One position (negative counts from the end); the axis is dropped.</summary>
    public static implicit operator TensorIndex(int index) => new(IndexKind.Integer, integer: index);

    /// <summary>A NumPy slice start:stop:step; the axis is kept.</summary>
    public static implicit operator TensorIndex(Slice slice) => new(IndexKind.Slice, slice: slice);

    /// <summary>A C# range as the slice start..end (<c>^k</c> counts from the end); the axis is kept.</summary>
    public static implicit operator TensorIndex(Range range) => new(IndexKind.Slice, slice: FromRange(range));

    /// <summary>The positions listed (fancy indexing), as an Int32 index array.</summary>
    public static implicit operator TensorIndex(int[] indices) => new(IndexKind.Array, array: Tensor.FromArray(indices));

    /// <summary>The positions listed (fancy indexing), as an Int64 index array.</summary>
    public static implicit operator TensorIndex(long[] indices) => new(IndexKind.Array, array: Tensor.FromArray(indices));

    /// <summary>An index array: integer positions (fancy indexing) or a Bool mask.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="indices"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="indices"/> has a float dtype.</exception>
    public static implicit operator TensorIndex(Tensor indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        if (indices.DType.IsFloat())
            throw new ArgumentException($"Index: arrays used as indices must be of integer or bool type, got {indices.DType.Name()}");
        return new(IndexKind.Array, array: indices);
    }

    private static Slice FromRange(Range r)
    {
        int? start = r.Start.IsFromEnd ? (r.Start.Value == 0 ? int.MaxValue : -r.Start.Value) : r.Start.Value;
        int? stop = r.End.IsFromEnd ? (r.End.Value == 0 ? null : -r.End.Value) : r.End.Value;
        return new Slice(start, stop);
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        IndexKind.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IndexKind.Slice => SliceValue.ToString(),
        IndexKind.Array => $"array{Array!.ShapeString}",
        IndexKind.NewAxis => "newaxis",
        _ => "...",
    };
}
