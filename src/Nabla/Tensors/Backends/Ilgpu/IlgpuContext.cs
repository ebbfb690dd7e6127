using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using ILGPU.Runtime.Cuda;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// The one ILGPU <see cref="Context"/> of the process (ILGPU compiles and caches kernels per context), made on
/// first use with the CPU accelerator, CUDA when a driver is present, and ILGPU.Algorithms' intrinsics (maths on PTX).
/// </summary>
internal static class IlgpuContext
{
    private static readonly Lazy<Context> context = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static Context Instance => context.Value;

    private static Context Create()
    {
        try
        {
            return Context.Create(builder => builder.CPU().Cuda().EnableAlgorithms());
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException
                                      or EntryPointNotFoundException or BadImageFormatException)
        {
            // A broken or partial CUDA installation must not take the CPU accelerator down with it.
            return Context.Create(builder => builder.CPU().EnableAlgorithms());
        }
    }

    /// <summary>The CUDA devices ILGPU sees: none without the NVIDIA driver.</summary>
    public static IReadOnlyList<CudaDevice> CudaDevices()
    {
        try
        {
            var devices = Instance.GetCudaDevices();
            var list = new List<CudaDevice>(devices.Count);
            for (int i = 0; i < devices.Count; i++) list.Add(devices[i]);
            return list;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or InvalidOperationException or NotSupportedException
                                      or EntryPointNotFoundException)
        {
            return [];
        }
    }

    /// <summary>ILGPU's CPU accelerator device (it simulates a small GPU: 4-thread warps, 4 warps per group).</summary>
    public static CPUDevice CpuDevice() => Instance.GetCPUDevice(0);

    /// <summary>The accelerator of <paramref name="device"/>, or an error naming it and how many CUDA devices there are.</summary>
    public static Accelerator CreateAccelerator(Device device)
    {
        if (device.Type == DeviceType.IlgpuCpu) return CpuDevice().CreateAccelerator(Instance);
        var cuda = CudaDevices();
        if (device.Type != DeviceType.Cuda || device.Index >= cuda.Count)
            throw new InvalidOperationException($"Device: {device} is not available on this machine ({cuda.Count} CUDA devices found)");
        return cuda[device.Index].CreateAccelerator(Instance);
    }
}
