namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// The scalar operations of one element type, for kernels generic over it (ILGPU compiles a call on a struct type
/// parameter to a direct, inlined call; it does not support the static abstract members of generic maths).
/// Operation codes are the values of <see cref="Kernels.BinaryOp"/>, <see cref="Kernels.UnaryOp"/>,
/// <see cref="Kernels.CompareOp"/> and <see cref="Kernels.ReduceOp"/>. Kernels cannot throw, so integer division
/// by zero and negative integer powers are checked on the host before launching.
/// </summary>
internal interface IArith<T> where T : unmanaged
{
    T Binary(int op, T x, T y);
    T Unary(int op, T x);
    bool Compare(int op, T x, T y);
    T Identity(int reduceOp);
    bool IsNaN(T x);
    bool Greater(T x, T y);
    T Add(T x, T y);
    T Sub(T x, T y);
    T Mul(T x, T y);
    T Div(T x, T y);
    T Sqrt(T x);
    T Tanh(T x);
    T FromDouble(double x);
    T FromLong(long x);
    double ToDouble(T x);
    long ToLong(T x);
    /// <summary>True for Float32 and Float64: conversions from them go through <see cref="ToDouble"/>, from the others through <see cref="ToLong"/>.</summary>
    bool IsFloat { get; }
}
