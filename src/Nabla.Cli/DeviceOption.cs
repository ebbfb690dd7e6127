using Nabla.Tensors;

namespace Nabla.Cli;

/// <summary>The <c>--device</c> option: a device name PyTorch users know, which must be present on this machine.</summary>
public static class DeviceOption
{
    /// <summary>The device named by <paramref name="text"/> (the CPU when null); a usage error when unknown or absent.</summary>
    public static Device Parse(string command, string? text)
    {
        if (text is null) return Device.Cpu;
        if (!Device.TryParse(text, out var device))
            throw new CliError($"{command}: unknown device '{text}' (expected cpu, cuda, cuda:N or ilgpu-cpu)");
        if (!device.IsAvailable)
        {
            var found = string.Join(", ", Device.Available().Select(d => d.Device.ToString()));
            throw new CliError($"{command}: device {device} is not available on this machine (found: {found})");
        }
        return device;
    }
}
