namespace Nabla.Tensors.Kernels;

/// <summary>The elementwise arithmetic operations on two tensors of one dtype.</summary>
internal enum BinaryOp
{
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Maximum,
    Minimum,
}
