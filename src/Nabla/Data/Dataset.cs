using Nabla.Data.Transforms;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// A finite, indexable collection of examples <c>(x, t)</c> (DeZero's Dataset). Subclasses supply
/// <see cref="Count"/> and <see cref="GetExample"/>; the optional <see cref="Transform"/> and
/// <see cref="TargetTransform"/> are applied to what they return. It is a read-only list: <see cref="Count"/> is
/// Python's <c>len(dataset)</c>, and <c>foreach (var (x, t) in dataset)</c> visits the examples in order.
/// </summary>
public abstract class Dataset : IReadOnlyList<(Tensor x, Tensor t)>
{
    /// <summary>Applied to each input <c>x</c>; null leaves it as stored.</summary>
    public Transform? Transform { get; set; }

    /// <summary>Applied to each target <c>t</c>; null leaves it as stored.</summary>
    public Transform? TargetTransform { get; set; }

    /// <summary>The number of examples.</summary>
    public abstract int Count { get; }

    /// <summary>Example <paramref name="index"/> (0 to Count-1) after the transforms.</summary>
    public (Tensor x, Tensor t) this[int index]
    {
        get
        {
            CheckIndex(index);
            var (x, t) = GetExample(index);
            return (Transform?.Apply(x) ?? x, TargetTransform?.Apply(t) ?? t);
        }
    }

    /// <summary>
    /// The examples at <paramref name="indices"/> stacked along a new axis 0, after the transforms. The default
    /// stacks <see cref="this[int]"/> one by one; in-memory datasets override it with one gather.
    /// </summary>
    public virtual (Tensor x, Tensor t) GetBatch(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty) throw new ArgumentException($"{GetType().Name}.GetBatch: a batch needs at least one index");
        var xs = new Tensor[indices.Length];
        var ts = new Tensor[indices.Length];
        for (int i = 0; i < indices.Length; i++) (xs[i], ts[i]) = this[indices[i]];
        return (Tensor.Stack(xs), Tensor.Stack(ts));
    }

    /// <summary>The stored example <paramref name="index"/> (already range-checked), before the transforms.</summary>
    protected abstract (Tensor x, Tensor t) GetExample(int index);

    /// <summary>Throws when <paramref name="index"/> is not an example of this dataset.</summary>
    protected void CheckIndex(int index)
    {
        if ((uint)index >= (uint)Count)
            throw new IndexOutOfRangeException($"{GetType().Name}: index {index} is out of range for {Count} examples");
    }

    /// <summary>The examples in order, after the transforms.</summary>
    public IEnumerator<(Tensor x, Tensor t)> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return this[i];
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
