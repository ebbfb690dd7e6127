namespace Nabla.Tensors.Backends;

/// <summary>
/// Storage of a tensor that lives on a device other than the CPU. Views of one tensor share one buffer, so
/// reference equality of buffers is "shares storage", as it is for the CPU's arrays.
/// </summary>
internal abstract class DeviceBuffer(IBackend backend, DType dtype, int length)
{
    /// <summary>The backend whose kernels read and write this buffer.</summary>
    public IBackend Backend { get; } = backend;

    /// <summary>The device the memory is on.</summary>
    public Device Device => Backend.Device;

    /// <summary>The element type.</summary>
    public DType DType { get; } = dtype;

    /// <summary>The number of elements.</summary>
    public int Length { get; } = length;
}
