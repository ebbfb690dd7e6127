namespace Nabla.Tensors.Kernels;

/// <summary>
/// Receives one innermost row of a strided loop: the storage offset of each operand at the row's start,
/// each operand's stride along the row, and the row's length.
/// </summary>
internal interface IRowVisitor
{
    void Row(ReadOnlySpan<int> offsets, ReadOnlySpan<int> strides, int length);
}
