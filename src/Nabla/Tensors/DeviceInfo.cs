namespace Nabla.Tensors;

/// <summary>One device found on this machine: what <c>nabla info</c> lists.</summary>
/// <param name="Device">The device, as tensors name it.</param>
/// <param name="Name">The hardware's own name (e.g. the GPU model).</param>
/// <param name="MemoryBytes">The memory the device has, in bytes.</param>
public sealed record DeviceInfo(Device Device, string Name, long MemoryBytes);
