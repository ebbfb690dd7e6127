using Nabla.Tensors.Backends;

namespace Nabla.Tensors;

/// <summary>
/// Where a tensor's storage lives and its kernels run, written as PyTorch writes it: <c>cpu</c>, <c>cuda</c>,
/// <c>cuda:1</c>, and <c>ilgpu-cpu</c> (ILGPU's CPU accelerator, which runs the GPU kernels on the CPU).
/// </summary>
public readonly record struct Device
{
    private Device(DeviceType type, int index)
    {
        Type = type;
        Index = index;
    }

    /// <summary>The kind of device.</summary>
    public DeviceType Type { get; }

    /// <summary>The ordinal among devices of its kind (0 for the CPU and ilgpu-cpu).</summary>
    public int Index { get; }

    /// <summary>The host CPU, where every tensor is made unless moved.</summary>
    public static Device Cpu => default;

    /// <summary>ILGPU's CPU accelerator: the GPU backend's kernels, emulated on the CPU.</summary>
    public static Device IlgpuCpu => new(DeviceType.IlgpuCpu, 0);

    /// <summary>The NVIDIA GPU of ordinal <paramref name="index"/>.</summary>
    public static Device Cuda(int index = 0)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), $"Device: CUDA ordinal must be non-negative, got {index}");
        return new Device(DeviceType.Cuda, index);
    }

    /// <summary>True for the host CPU.</summary>
    public bool IsCpu => Type == DeviceType.Cpu;

    /// <summary>True when this device is present on this machine (the CPU always is).</summary>
    public bool IsAvailable => BackendRegistry.IsAvailable(this);

    /// <summary>The devices present on this machine, the CPU first.</summary>
    public static IReadOnlyList<DeviceInfo> Available() => BackendRegistry.Available();

    /// <summary>Reads <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>, <c>gpu</c> (= cuda) or <c>ilgpu-cpu</c>, case-insensitively.</summary>
    public static Device Parse(string text)
    {
        if (TryParse(text, out var device)) return device;
        throw new FormatException($"Device: '{text}' is not a device; expected cpu, cuda, cuda:N or ilgpu-cpu");
    }

    /// <summary>Parses like <see cref="Parse"/>, returning false instead of throwing.</summary>
    public static bool TryParse(string? text, out Device device)
    {
        device = Cpu;
        var t = text?.Trim().ToLowerInvariant();
        switch (t)
        {
            case "cpu": return true;
            case "ilgpu-cpu": device = IlgpuCpu; return true;
            case "cuda" or "gpu": device = Cuda(0); return true;
        }
        if (t is null || !t.StartsWith("cuda:", StringComparison.Ordinal)) return false;
        if (!int.TryParse(t.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index))
            return false;
        device = Cuda(index);
        return true;
    }

    /// <summary>The name as <see cref="Parse"/> reads it: <c>cpu</c>, <c>cuda:0</c>, <c>ilgpu-cpu</c>.</summary>
    public override string ToString() => Type switch
    {
        DeviceType.Cpu => "cpu",
        DeviceType.Cuda => $"cuda:{Index}",
        _ => "ilgpu-cpu",
    };
}
