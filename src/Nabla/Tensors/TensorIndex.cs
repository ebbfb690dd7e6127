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

    public IndexKind Kind { get; }
    public int Integer { get; }
    public Slice SliceValue { get; }
    public Tensor? Array { get; }

    /// <summary>NumPy's <c>np.newaxis</c>.</summary>
    public static TensorIndex NewAxis => new(IndexKind.NewAxis);

    /// <summary>NumPy's <c>...</c>.</summary>
    public static TensorIndex Ellipsis => new(IndexKind.Ellipsis);

    public static implicit operator TensorIndex(int index) => new(IndexKind.Integer, integer: index);

    public static implicit operator TensorIndex(Slice slice) => new(IndexKind.Slice, slice: slice);

    public static implicit operator TensorIndex(Range range) => new(IndexKind.Slice, slice: FromRange(range));

    public static implicit operator TensorIndex(int[] indices) => new(IndexKind.Array, array: Tensor.FromArray(indices));

    public static implicit operator TensorIndex(long[] indices) => new(IndexKind.Array, array: Tensor.FromArray(indices));

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

    public override string ToString() => Kind switch
    {
        IndexKind.Integer => Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        IndexKind.Slice => SliceValue.ToString(),
        IndexKind.Array => $"array{Array!.ShapeString}",
        IndexKind.NewAxis => "newaxis",
        _ => "...",
    };
}
