namespace Nabla.Tensors.Kernels;

/// <summary>Fresh float or double tensors whose storage is not zeroed, for kernels that write every element anyway.</summary>
internal static class Uninitialized
{
    public static Tensor Tensor(DType dtype, int[] shape, string op)
    {
        int size = ShapeUtil.Size(shape, op);
        Array storage = dtype == DType.Float32 ? GC.AllocateUninitializedArray<float>(size) : GC.AllocateUninitializedArray<double>(size);
        return new Tensor(storage, shape);
    }
}
