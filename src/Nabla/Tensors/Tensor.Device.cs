using Nabla.Tensors.Backends;

namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// This tensor on <paramref name="device"/>: itself when it is there already, otherwise a contiguous copy
    /// (PyTorch's <c>tensor.to(device)</c>, DeZero's <c>to_gpu()</c>/<c>to_cpu()</c>).
    /// </summary>
    public Tensor To(Device device)
    {
        if (device == Device) return this;
        var values = Backend.ToHost(this);
        return device.IsCpu ? new Tensor(values, Shape) : new Tensor(BackendRegistry.For(device).FromHost(values), Shape);
    }

    /// <summary>This tensor on the device named <paramref name="device"/> (<c>"cpu"</c>, <c>"cuda:0"</c>, <c>"ilgpu-cpu"</c>).</summary>
    public Tensor To(string device) => To(Device.Parse(device));

    /// <summary>This tensor on the CPU (a copy unless it is there already).</summary>
    public Tensor ToCpu() => To(Device.Cpu);

    /// <summary>A CPU tensor that adopts <paramref name="values"/> (not copied) as its storage, in row-major order.</summary>
    internal static Tensor FromHostArray(Array values, int[] shape) => new(values, shape);

    /// <summary>
    /// The backend that runs an operation on <paramref name="a"/> and <paramref name="b"/>. Both must be on one device,
    /// except that a zero-dimensional CPU tensor (a Python number, in PyTorch's rule) goes with a tensor anywhere.
    /// </summary>
    internal static IBackend BackendOf(string op, ref Tensor a, ref Tensor b)
    {
        if (a.storage is Array && b.storage is Array) return CpuBackend.Instance;
        var (da, db) = (a.Device, b.Device);
        if (da == db) return a.Backend;
        if (da.IsCpu && a.NDim == 0) a = a.To(db);
        else if (db.IsCpu && b.NDim == 0) b = b.To(da);
        else throw new InvalidOperationException($"{op}: operands on {da} and {db}; move one with To(device)");
        return a.Backend;
    }

    /// <summary>
    /// <paramref name="operand"/> of an in-place operation on this tensor: it must be on this device, except that a
    /// zero-dimensional CPU tensor is moved here.
    /// </summary>
    internal Tensor OperandHere(string op, Tensor operand) => OperandOn(op, operand, Device);

    /// <summary><paramref name="operand"/> on <paramref name="device"/> when it is there or is a zero-dimensional CPU tensor; otherwise an error naming both devices.</summary>
    internal static Tensor OperandOn(string op, Tensor operand, Device device)
    {
        if (operand.Device == device) return operand;
        if (operand.Device.IsCpu && operand.NDim == 0) return operand.To(device);
        throw new InvalidOperationException($"{op}: operands on {device} and {operand.Device}; move one with To(device)");
    }

    /// <summary>The device of an operation on <paramref name="operands"/>: that of the first one that is not a zero-dimensional CPU tensor.</summary>
    internal static Device CommonDevice(params ReadOnlySpan<Tensor> operands)
    {
        foreach (var t in operands)
            if (!(t.NDim == 0 && t.storage is Array)) return t.Device;
        return Device.Cpu;
    }

    /// <summary>Throws, naming <paramref name="op"/> and both devices, unless every tensor is on <paramref name="device"/>.</summary>
    internal static void CheckDevice(string op, Device device, params ReadOnlySpan<Tensor?> tensors)
    {
        foreach (var t in tensors)
            if (t is not null && t.Device != device)
                throw new InvalidOperationException($"{op}: operands on {device} and {t.Device}; move one with To(device)");
    }

    /// <summary>True when this tensor and <paramref name="other"/> are views of one storage.</summary>
    internal bool SharesStorageWith(Tensor other) => ReferenceEquals(storage, other.storage);

    /// <summary>True when this tensor is its whole storage, contiguous from offset 0 (so it may be released or written in place).</summary>
    internal bool OwnsWholeStorage => IsContiguous && offset == 0 && StorageLength == Size;

    /// <summary>
    /// Gives this tensor's storage back for reuse. The caller guarantees that nothing else uses it: the tensor was
    /// made inside the caller, owns its whole storage, and has been neither returned nor stored, nor viewed by
    /// anything that outlives the call.
    /// </summary>
    internal void Release() => Backend.Release(this);

    /// <summary>Releases <paramref name="copy"/> when it is a temporary copy of <paramref name="source"/> (other storage).</summary>
    internal static void ReleaseIfCopy(Tensor copy, Tensor source)
    {
        if (!ReferenceEquals(copy.storage, source.storage)) copy.Release();
    }
}
