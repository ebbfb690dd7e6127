using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// A dataset held in two tensors whose axis 0 indexes examples: inputs <see cref="Data"/> and targets
/// <see cref="Labels"/>. Batches are gathered with one block copy per example and transformed as a whole.
/// </summary>
public class TensorDataset : Dataset
{
    /// <summary>Examples <c>(data[i], labels[i])</c>; both need the same length along axis 0.</summary>
    public TensorDataset(Tensor data, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(labels);
        if (data.NDim == 0 || labels.NDim == 0)
            throw new ArgumentException($"{GetType().Name}: data and labels need an example axis, got shapes {data.ShapeString} and {labels.ShapeString}");
        if (data.Dim(0) != labels.Dim(0))
            throw new ArgumentException($"{GetType().Name}: data has {data.Dim(0)} examples but labels have {labels.Dim(0)} (shapes {data.ShapeString} and {labels.ShapeString})");
        // Contiguous storage lets a batch be gathered with one block copy per example.
        Data = data.Contiguous();
        Labels = labels.Contiguous();
    }

    /// <summary>For subclasses that compute their arrays before calling the base constructor.</summary>
    protected TensorDataset((Tensor Data, Tensor Labels) arrays) : this(arrays.Data, arrays.Labels)
    {
    }

    /// <summary>All inputs, examples along axis 0 (DeZero's <c>dataset.data</c>).</summary>
    public Tensor Data { get; }

    /// <summary>All targets, examples along axis 0 (DeZero's <c>dataset.label</c>).</summary>
    public Tensor Labels { get; }

    /// <inheritdoc/>
    public override int Count => Data.Dim(0);

    /// <inheritdoc/>
    public override (Tensor x, Tensor t) GetBatch(ReadOnlySpan<int> indices)
    {
        if (indices.IsEmpty) throw new ArgumentException($"{GetType().Name}.GetBatch: a batch needs at least one index");
        foreach (int i in indices) CheckIndex(i);
        var index = Tensor.FromSpan(indices, indices.Length);
        var x = Data.Take(index);
        var t = Labels.Take(index);
        return (Transform?.ApplyBatch(x) ?? x, TargetTransform?.ApplyBatch(t) ?? t);
    }

    /// <inheritdoc/>
    protected override (Tensor x, Tensor t) GetExample(int index) => (Data[index], Labels[index]);
}
