namespace Nabla.Tensors.Kernels;

/// <summary>Fresh float or double tensors whose storage is not zeroed, for kernels that write every element anyway.</summary>
internal static class Uninitialized
{
    public static Tensor Tensor(DType dtype, int[] shape, string op)
    {
        int size = ShapeUtil.Size(shape, op);
        Array storage = dtype == DType.Float32 ? StoragePool.Rent<float>(size) : StoragePool.Rent<double>(size);
        return new Tensor(storage, shape);
    }
}
