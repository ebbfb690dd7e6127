namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>Placeholder until the ILGPU kernels land: no device other than the CPU is available.</summary>
internal static class IlgpuBackend
{
    public static IBackend Start(Device device) =>
        throw new InvalidOperationException($"Device: {device} is not available on this machine");

    public static IReadOnlyList<DeviceInfo> Probe() => [];
}
