using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>A trainable weight: a Variable that layers collect and optimizers update.</summary>
/// <remarks>
/// A parameter keeps its dtype: assigning <see cref="Variable.Data"/> a tensor of another dtype casts it to the
/// parameter's (as NumPy's in-place <c>p.data -= lr * g</c> does in DeZero, and PyTorch's <c>p.data.sub_</c>), so a
/// Float64 gradient cannot turn a Float32 model into Float64. A parameter not yet initialised (no elements, as a
/// lazily sized layer's) takes the dtype of its first value. <see cref="Replace"/> changes the dtype on purpose.
/// </remarks>
public class Parameter(Tensor data, string? name = null) : Variable(TensorScope.Exempt(data), name)
{
    private bool replacing;

    /// <summary>Sets the value, dtype included (PyTorch's <c>p.data = t</c>); the gradient is forgotten if its dtype no longer matches.</summary>
    public void Replace(Tensor value)
    {
        ArgumentNullException.ThrowIfNull(value);
        replacing = true;
        try
        {
            Data = value;
        }
        finally
        {
            replacing = false;
        }
        if (Grad is not null && Grad.DType != value.DType) Grad = null;
    }

    // A weight outlives the training step that may have made it (a lazy layer's first call), so no scope releases it.
    private protected override Tensor Accepted(Tensor value) =>
        TensorScope.Exempt(replacing || value.DType == DType || Size == 0 ? value : value.AsType(DType));
}
