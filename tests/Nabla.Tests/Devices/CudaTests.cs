using Nabla.Tensors;
using Nabla.Tensors.Backends;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Devices;

/// <summary>The same comparisons on a real GPU (skipped, with the reason, where there is none).</summary>
public class CudaTests
{
    [CudaFact]
    public void Cuda_matmul_elementwise_and_reduction_match_the_cpu()
    {
        var gpu = BackendRegistry.For(Device.Cuda(0));
        var (a, b) = (Tensor.Randn(new Generator(1), 67, 33), Tensor.Randn(new Generator(2), 33, 45));
        var c = Tensor.Empty(DType.Float32, [67, 45]);
        var g = Tensor.Empty(DType.Float32, [67, 45], Device.Cuda(0));
        CpuBackend.Instance.MatMul(a, b, c, []);
        gpu.MatMul(a.To(Device.Cuda(0)), b.To(Device.Cuda(0)), g, []);
        var (e, r) = (c.ToArray<float>(), g.ToCpu().ToArray<float>());
        for (int i = 0; i < e.Length; i++) Assert.True(Math.Abs(e[i] - r[i]) <= 1e-4 * (1 + Math.Abs(e[i])), $"element {i}: {e[i]} vs {r[i]}");

        var s = Tensor.Empty(DType.Float32, [1, 1]);
        var sg = Tensor.Empty(DType.Float32, [1, 1], Device.Cuda(0));
        CpuBackend.Instance.Reduce(ReduceOp.Sum, a, s);
        gpu.Reduce(ReduceOp.Sum, a.To(Device.Cuda(0)), sg);
        Assert.Equal(s.Item(), sg.ToCpu().Item(), 2);
    }
}
