using Nabla.Autodiff;
using Nabla.GpuBench.Harness;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.GpuBench.Workloads;

/// <summary>
/// Initial weights both runners compute identically (see <see cref="HashRandom"/>): uniform in ±√(3/fan-in), the
/// variance of LeCun's initialisation, and zero biases. Set on the CPU, before the model moves to the device.
/// </summary>
internal static class Weights
{
    public static void Set(Parameter p, uint seed, int fanIn)
    {
        p.Data = Tensor.FromSpan<float>(HashRandom.Uniform(seed, p.Size, Math.Sqrt(3.0 / fanIn)), p.Shape);
    }

    /// <summary>A convolution's W (out, in, kh, kw) from <paramref name="seed"/>, its bias (if any) zero.</summary>
    public static void Set(Conv2d conv, uint seed)
    {
        var s = conv.W.Shape;
        Set(conv.W, seed, s[1] * s[2] * s[3]);
        if (conv.b is { } b) b.Data = Tensor.Zeros(b.Shape);
    }

    /// <summary>
    /// A linear layer's W, stored (in, out) in Nabla; the values are drawn in that order, and the PyTorch side
    /// transposes them into its (out, in) weight. The bias is zero.
    /// </summary>
    public static void Set(Linear linear, uint seed)
    {
        Set(linear.W, seed, linear.W.Shape[0]);
        if (linear.b is { } b) b.Data = Tensor.Zeros(b.Shape);
    }
}
