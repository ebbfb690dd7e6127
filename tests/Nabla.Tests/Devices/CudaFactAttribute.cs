using Nabla.Tensors;

namespace Nabla.Tests.Devices;

/// <summary>A fact that runs only where a CUDA device is present; elsewhere xunit reports it skipped, with the reason.</summary>
public sealed class CudaFactAttribute : FactAttribute
{
    public CudaFactAttribute()
    {
        if (!Device.Cuda(0).IsAvailable) Skip = "no CUDA device on this machine (ILGPU found none)";
    }
}
