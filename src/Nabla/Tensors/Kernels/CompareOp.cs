namespace Nabla.Tensors.Kernels;

/// <summary>The elementwise comparisons; each gives a Bool tensor.</summary>
internal enum CompareOp
{
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
}
