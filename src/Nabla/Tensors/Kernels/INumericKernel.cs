using System.Numerics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// A kernel over one numeric element type, and the single place that picks that type from a tensor's dtype, so that
/// the kernels do not each repeat the switch (and its error for Bool).
/// </summary>
internal interface INumericKernel
{
    /// <summary>The kernel on elements of type <typeparamref name="T"/>.</summary>
    void Run<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T>;

    /// <summary>Runs <paramref name="kernel"/> for <paramref name="dtype"/>; throws, naming <paramref name="op"/>, for a non-numeric one.</summary>
    /// <remarks>The operation is named by its enum value, formatted only for the error.</remarks>
    static void Dispatch<TKernel, TOp>(DType dtype, TOp op, TKernel kernel) where TKernel : struct, INumericKernel where TOp : struct, Enum
    {
        switch (dtype)
        {
            case DType.Float32: kernel.Run<float>(); break;
            case DType.Float64: kernel.Run<double>(); break;
            case DType.Int32: kernel.Run<int>(); break;
            case DType.Int64: kernel.Run<long>(); break;
            default: throw new ArgumentException($"{op}: dtype {dtype.Name()} is not supported");
        }
    }
}
