namespace Nabla.Tensors;

/// <summary>The kinds of device a tensor can live on.</summary>
public enum DeviceType
{
    /// <summary>The host CPU, in managed arrays: the reference backend.</summary>
    Cpu,

    /// <summary>An NVIDIA GPU through ILGPU's CUDA accelerator.</summary>
    Cuda,

    /// <summary>ILGPU's CPU accelerator: the GPU kernels run on the CPU, so they are tested without a GPU.</summary>
    IlgpuCpu,
}
