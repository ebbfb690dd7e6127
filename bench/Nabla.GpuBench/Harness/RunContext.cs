using Nabla.Tensors;

namespace Nabla.GpuBench.Harness;

/// <summary>What every workload needs: the device, its name, the size mode, the repetitions override and the time budget.</summary>
internal sealed record RunContext(Device Device, string DeviceText, string DeviceName, bool Quick, int? RepsOverride,
    double BudgetSeconds, string? DataDirectory)
{
    /// <summary>The repetitions: --reps when given, else the workload's full or quick count.</summary>
    public int Reps(int full, int quick) => RepsOverride ?? (Quick ? quick : full);

    /// <summary>Host floats as a tensor of <paramref name="shape"/> on the device.</summary>
    public Tensor OnDevice(float[] values, params int[] shape) => Tensor.FromSpan<float>(values, shape).To(Device);

    /// <summary>Host longs (labels, indices) as an Int64 tensor on the device.</summary>
    public Tensor OnDevice(long[] values) => Tensor.FromArray(values).To(Device);
}
