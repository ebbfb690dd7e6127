namespace Nabla.Tensors.Backends;

/// <summary>The one place where a device is mapped to its backend; backends other than the CPU's start on first use.</summary>
internal static class BackendRegistry
{
    private static readonly Lock gate = new();
    private static readonly Dictionary<Device, IBackend> started = [];

    /// <summary>The backend of <paramref name="device"/>, started if need be; throws naming the device when it is absent.</summary>
    public static IBackend For(Device device)
    {
        if (device.IsCpu) return CpuBackend.Instance;
        lock (gate)
        {
            if (started.TryGetValue(device, out var backend)) return backend;
            backend = Ilgpu.IlgpuBackend.Start(device);
            started[device] = backend;
            return backend;
        }
    }

    /// <summary>True when <paramref name="device"/> is present.</summary>
    public static bool IsAvailable(Device device) =>
        device.IsCpu || Available().Any(d => d.Device == device);

    /// <summary>The devices present, the CPU first.</summary>
    public static IReadOnlyList<DeviceInfo> Available()
    {
        var list = new List<DeviceInfo> { CpuBackend.Info };
        list.AddRange(Ilgpu.IlgpuBackend.Probe());
        return list;
    }
}
