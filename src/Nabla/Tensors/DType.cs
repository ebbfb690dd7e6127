namespace Nabla.Tensors;

/// <summary>
/// The element type of a <see cref="Tensor"/>. The order is the promotion order: an operation on two
/// dtypes computes in the later one (as PyTorch does, an integer tensor with a Float32 tensor gives Float32).
/// </summary>
public enum DType
{
    /// <summary>Booleans (the result of comparisons; masks).</summary>
    Bool = 0,
    /// <summary>32-bit signed integers.</summary>
    Int32 = 1,
    /// <summary>64-bit signed integers (labels, indices, integer sums).</summary>
    Int64 = 2,
    /// <summary>32-bit IEEE floats: the default for training.</summary>
    Float32 = 3,
    /// <summary>64-bit IEEE floats: gradient checks and scalar maths.</summary>
    Float64 = 4,
}
