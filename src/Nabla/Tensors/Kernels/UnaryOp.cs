namespace Nabla.Tensors.Kernels;

/// <summary>The elementwise functions of one tensor.</summary>
internal enum UnaryOp
{
    Neg,
    Abs,
    Sign,
    Exp,
    Log,
    Sqrt,
    Sin,
    Cos,
    Tan,
    Tanh,
}
