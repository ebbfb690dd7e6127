using Nabla.Tensors;

namespace Nabla.Autodiff;

public partial class Variable
{
    /// <summary>The device of <see cref="Data"/>.</summary>
    public Device Device => data.Device;

    /// <summary>
    /// Moves the value, gradient and tangent to <paramref name="device"/> in place (DeZero's <c>to_gpu()</c> /
    /// <c>to_cpu()</c>); returns this variable. Nothing moves when they are there already.
    /// </summary>
    public Variable To(Device device)
    {
        data = data.To(device);
        Grad?.To(device);
        if (tangent is not null) tangent = tangent.To(device);
        return this;
    }

    /// <summary>Moves the variable to the device named <paramref name="device"/>.</summary>
    public Variable To(string device) => To(Tensors.Device.Parse(device));

    /// <summary>DeZero's <c>to_gpu()</c>: moves the variable to the first CUDA GPU.</summary>
    public Variable ToGpu() => To(Tensors.Device.Cuda(0));

    /// <summary>DeZero's <c>to_cpu()</c>: moves the variable back to the host.</summary>
    public Variable ToCpu() => To(Tensors.Device.Cpu);
}
