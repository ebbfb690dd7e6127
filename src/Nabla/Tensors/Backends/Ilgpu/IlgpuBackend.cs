using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// The GPU backend on ILGPU: one accelerator (ILGPU's CPU accelerator for <see cref="Device.IlgpuCpu"/>, a CUDA GPU
/// for <see cref="Device.Cuda"/>), its kernels compiled once and cached, device memory pooled per (dtype, length).
/// Kernels are queued on the accelerator's default stream and run in order; only <see cref="ToHost"/> and the
/// methods that return host values (<see cref="SumOfSquares"/>, the integer Div/Pow checks) wait for them.
/// </summary>
internal sealed partial class IlgpuBackend : IBackend
{
    private readonly Accelerator accelerator;
    private readonly BufferPool pool;
    private readonly ConcurrentDictionary<(string, Type), Delegate> kernels = new();

    // ILGPU accelerators are not thread safe: every public method holds this (reentrant) lock while it allocates,
    // copies or launches. Kernels still run asynchronously; the lock only orders the calls that queue them.
    private readonly Lock gate = new();

    private IlgpuBackend(Device device, Accelerator accelerator)
    {
        Device = device;
        this.accelerator = accelerator;
        bool cuda = accelerator.AcceleratorType == AcceleratorType.Cuda;
        pool = new BufferPool(cuda ? 2L << 30 : 256L << 20);
        MaxGroup = (int)Math.Min(256, accelerator.MaxNumThreadsPerGroup);
        MaxGroup = 1 << (31 - int.LeadingZeroCount(MaxGroup));
        Tile = 1;
        while ((Tile * 2) * (Tile * 2) <= MaxGroup) Tile *= 2;
        TargetGroups = Math.Max(1, accelerator.NumMultiprocessors) * 8;
    }

    public Device Device { get; }

    /// <summary>The largest power-of-two group the reductions use (256 on CUDA; 16 on ILGPU's CPU accelerator).</summary>
    private int MaxGroup { get; }

    /// <summary>The side of the matrix product's square tiles (16 on CUDA).</summary>
    private int Tile { get; }

    /// <summary>Groups enough to fill the device a few times over.</summary>
    private int TargetGroups { get; }

    /// <summary>The backend of <paramref name="device"/> (ilgpu-cpu or cuda:N); throws naming it when absent.</summary>
    public static IBackend Start(Device device)
    {
        if (device.IsCpu) throw new ArgumentException("Device: the CPU has its own backend", nameof(device));
        return new IlgpuBackend(device, IlgpuContext.CreateAccelerator(device));
    }

    /// <summary>ilgpu-cpu, always, and each CUDA device with its name and memory; never throws (a machine without the NVIDIA driver has no CUDA devices).</summary>
    public static IReadOnlyList<DeviceInfo> Probe()
    {
        var list = new List<DeviceInfo>();
        try
        {
            list.Add(new DeviceInfo(Device.IlgpuCpu, $"ILGPU CPU accelerator ({IlgpuContext.CpuDevice().Name})", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes));
            var cuda = IlgpuContext.CudaDevices();
            for (int i = 0; i < cuda.Count; i++) list.Add(new DeviceInfo(Device.Cuda(i), cuda[i].Name, cuda[i].MemorySize));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever ILGPU could not enumerate is not available; the CPU backend still is.
        }
        return list;
    }

    /// <summary>A kernel compiled on first use and kept (the delegate type names the element types; <paramref name="name"/> the kernel).</summary>
    private TDelegate Kernel<TDelegate>(string name, Func<Accelerator, TDelegate> load) where TDelegate : Delegate
    {
        var key = (name, typeof(TDelegate));
        if (kernels.TryGetValue(key, out var k)) return (TDelegate)k;
        return (TDelegate)kernels.GetOrAdd(key, _ => load(accelerator));
    }

    // ---- memory ----

    public object Allocate(DType dtype, int length, bool zeroed)
    {
        using var scope = gate.EnterScope();
        if (length < 0) throw new ArgumentOutOfRangeException(nameof(length), $"Tensor: negative length {length}");
        var memory = pool.Rent(dtype, length) ?? NewMemory(dtype, length);
        if (zeroed && length > 0) memory.AsRawArrayView().MemSetToZero();
        return new IlgpuBuffer(this, pool, dtype, length, memory);
    }

    private MemoryBuffer NewMemory(DType dtype, int length)
    {
        try
        {
            return NewMemoryOnce(dtype, length);
        }
        catch (Exception e) when (e is OutOfMemoryException or AcceleratorException)
        {
            // Device memory of dead tensors is freed by their finalizers: collect them and empty the pool, then retry once.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            pool.Trim();
            return NewMemoryOnce(dtype, length);
        }
    }

    private MemoryBuffer NewMemoryOnce(DType dtype, int length)
    {
        // At least one element: zero-length device buffers are not portable across accelerators.
        long n = Math.Max(1, length);
        MemoryBuffer memory = dtype switch
        {
            DType.Float32 => accelerator.Allocate1D<float>(n),
            DType.Float64 => accelerator.Allocate1D<double>(n),
            DType.Int32 => accelerator.Allocate1D<int>(n),
            DType.Int64 => accelerator.Allocate1D<long>(n),
            _ => accelerator.Allocate1D<byte>(n),
        };
        // The pool keeps every buffer reachable until it disposes it, so ILGPU's own finalizers never free memory
        // that an orphaned IlgpuBuffer hands back for reuse.
        pool.Track(memory);
        // Device (or, on the CPU accelerator, unmanaged) memory the GC cannot see: pressure makes it collect dead tensors sooner.
        GC.AddMemoryPressure(Math.Max(1, memory.LengthInBytes));
        return memory;
    }

    public void Release(Tensor tensor)
    {
        using var scope = gate.EnterScope();
        if (tensor.Storage is IlgpuBuffer buffer && tensor.OwnsWholeStorage) buffer.Release();
    }

    public object FromHost(Array values)
    {
        using var scope = gate.EnterScope();
        var buffer = (IlgpuBuffer)(values switch
        {
            float[] => Allocate(DType.Float32, values.Length, false),
            double[] => Allocate(DType.Float64, values.Length, false),
            int[] => Allocate(DType.Int32, values.Length, false),
            long[] => Allocate(DType.Int64, values.Length, false),
            bool[] => Allocate(DType.Bool, values.Length, false),
            _ => throw new ArgumentException($"Tensor: storage of type {values.GetType().Name} is not supported"),
        });
        if (values.Length == 0) return buffer;
        switch (values)
        {
            case float[] f: Upload(buffer.View<float>(), f); break;
            case double[] d: Upload(buffer.View<double>(), d); break;
            case int[] i: Upload(buffer.View<int>(), i); break;
            case long[] l: Upload(buffer.View<long>(), l); break;
            case bool[] b: Upload(buffer.View<byte>(), Array.ConvertAll(b, v => v ? (byte)1 : (byte)0)); break;
        }
        return buffer;
    }

    private static void Upload<T>(ArrayView<T> view, T[] values) where T : unmanaged => view.CopyFromCPU(values);

    public Array ToHost(Tensor source)
    {
        using var scope = gate.EnterScope();
        var t = source.IsContiguous ? source : source.Copy();
        Array result = t.DType switch
        {
            DType.Float32 => Download<float>(t),
            DType.Float64 => Download<double>(t),
            DType.Int32 => Download<int>(t),
            DType.Int64 => Download<long>(t),
            _ => Array.ConvertAll(Download<byte>(t), v => v != 0),
        };
        Tensor.ReleaseIfCopy(t, source);
        return result;
    }

    private static T[] Download<T>(Tensor t) where T : unmanaged
    {
        if (t.Size == 0) return [];
        var values = new T[t.Size];
        View<T>(t).SubView(t.Offset, t.Size).CopyToCPU(values);
        return values;
    }

    /// <summary>The whole storage of <paramref name="t"/>; kernels add the tensor's offset and strides.</summary>
    private static ArrayView<T> View<T>(Tensor t) where T : unmanaged => ((IlgpuBuffer)t.Storage).View<T>();

    /// <summary>The elements of a contiguous tensor.</summary>
    private static ArrayView<T> Span<T>(Tensor t) where T : unmanaged => View<T>(t).SubView(t.Offset, t.Size);

    private Tensor NewTensor(DType dtype, int[] shape) => new(Allocate(dtype, ShapeUtil.Size(shape), zeroed: false), shape);
}
