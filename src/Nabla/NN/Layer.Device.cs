using Nabla.Tensors;

namespace Nabla.NN;

public abstract partial class Layer
{
    /// <summary>
    /// Moves every parameter (running averages included) of this layer and its children to <paramref name="device"/>,
    /// in place, as PyTorch's <c>module.to(device)</c>; returns this layer. Gradients move with their parameters;
    /// an optimizer's state follows on its next update.
    /// </summary>
    public Layer To(Device device)
    {
        foreach (var p in Parameters()) p.To(device);
        return this;
    }

    /// <summary>Moves the layer to the device named <paramref name="device"/> (<c>"cuda"</c>, <c>"cuda:1"</c>, <c>"ilgpu-cpu"</c>, <c>"cpu"</c>).</summary>
    public Layer To(string device) => To(Device.Parse(device));

    /// <summary>DeZero's <c>to_gpu()</c>: moves the layer to the first CUDA GPU.</summary>
    public Layer ToGpu() => To(Device.Cuda(0));

    /// <summary>DeZero's <c>to_cpu()</c>: moves the layer back to the host.</summary>
    public Layer ToCpu() => To(Device.Cpu);

    /// <summary>The device of the layer's parameters (the CPU for a layer without any); throws when they are split over devices.</summary>
    public Device Device
    {
        get
        {
            Device? found = null;
            foreach (var (name, p) in NamedParameters())
            {
                var d = p.Data.Device;
                if (found is { } f && f != d)
                    throw new InvalidOperationException($"{GetType().Name}: parameters on {f} and {d} (at {name}); move the layer with To(device)");
                found = d;
            }
            return found ?? Device.Cpu;
        }
    }
}
