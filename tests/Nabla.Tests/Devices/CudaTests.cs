using Nabla.Tensors;
using Nabla.Tensors.Backends;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Devices.DeviceCheck;

namespace Nabla.Tests.Devices;

/// <summary>A representative set of the ilgpu-cpu comparisons on a real GPU (skipped, with the reason, where there is none).</summary>
public class CudaTests
{
    private static readonly Device Cuda = Device.Cuda(0);

    private static IBackend Gpu => BackendRegistry.For(Cuda);

    private static Tensor On(Tensor t) => t.To(Cuda);

    private static Tensor Empty(DType dtype, params int[] shape) => Tensor.Empty(dtype, shape, Cuda);

    /// <summary>Within tol·(1 + |expected|): GPU maths functions and cuBLAS differ from the CPU by a few ulps.</summary>
    private static void Near(Tensor expected, Tensor actual, double tol)
    {
        Assert.Equal(Cuda, actual.Device);
        Assert.Equal(expected.Shape, actual.Shape);
        var (e, g) = (expected.ToDoubleArray(), actual.ToCpu().ToDoubleArray());
        for (int i = 0; i < e.Length; i++)
            Assert.True(e[i].Equals(g[i]) || Math.Abs(e[i] - g[i]) <= tol * (1 + Math.Abs(e[i])), $"element {i}: expected {e[i]:R}, got {g[i]:R}");
    }

    [CudaFact]
    public void Cuda_matmul_plain_transposed_and_batched()
    {
        foreach (var dtype in Floats)
        {
            double tol = dtype == DType.Float32 ? 1e-4 : 1e-12;
            var (a, b) = (Values(1, dtype, 67, 33), Values(2, dtype, 45, 33));
            var c = EmptyCpu(dtype, 67, 45);
            var g = Empty(dtype, 67, 45);
            Cpu.MatMul(a, b.T, c, []);
            Gpu.MatMul(On(a), On(b).T, g, []);
            Near(c, g, tol);
            var (x, y) = (Values(3, dtype, 2, 1, 5, 7), Values(4, dtype, 3, 7, 4));
            c = EmptyCpu(dtype, 2, 3, 5, 4);
            g = Empty(dtype, 2, 3, 5, 4);
            Cpu.MatMul(x, y, c, [2, 3]);
            Gpu.MatMul(On(x), On(y), g, [2, 3]);
            Near(c, g, tol);
        }
    }

    [CudaFact]
    public void Cuda_elementwise_reductions_and_updates()
    {
        var x = Values(5, DType.Float32, 300, 17);
        foreach (var op in new[] { UnaryOp.Exp, UnaryOp.Tanh, UnaryOp.Sin, UnaryOp.Abs })
        {
            var (c, g) = (EmptyCpu(DType.Float32, 300, 17), Empty(DType.Float32, 300, 17));
            Cpu.Unary(op, x, c);
            Gpu.Unary(op, On(x), g);
            Near(c, g, 1e-5);
        }
        foreach (var kept in new[] { new[] { 1, 17 }, new[] { 300, 1 }, new[] { 1, 1 } })
        {
            var (c, g) = (EmptyCpu(DType.Float32, kept), Empty(DType.Float32, kept));
            Cpu.Reduce(ReduceOp.Sum, x, c);
            Gpu.Reduce(ReduceOp.Sum, On(x), g);
            Near(c, g, 1e-4);
        }
        var (p, grad, m, v) = (Values(6, DType.Float32, 1000), Values(7, DType.Float32, 1000), Values(8, DType.Float32, 1000), Values(9, DType.Float32, 1000).Abs());
        var gp = new[] { p, grad, m, v }.Select(On).ToArray();
        Cpu.AdamStep(p, grad, m, v, 0.9, 0.999, 0.01, 1, 1e-8);
        Gpu.AdamStep(gp[0], gp[1], gp[2], gp[3], 0.9, 0.999, 0.01, 1, 1e-8);
        Near(p, gp[0], 1e-5);
        Assert.Equal(Cpu.SumOfSquares(p), Gpu.SumOfSquares(gp[0]), 6);
    }

    [CudaFact]
    public void Cuda_convolution_and_pooling()
    {
        var geo = new ConvGeometry(4, 3, 9, 9, 3, 3, 2, 2, 1, 1);
        var (x, w, b) = (Values(10, DType.Float32, geo.ImageShape), Values(11, DType.Float32, 8, 3, 3, 3), Values(12, DType.Float32, 8));
        var gy = Values(13, DType.Float32, 4, 8, geo.OH, geo.OW);
        Near(Cpu.Conv2d(x, w, b, geo), Gpu.Conv2d(On(x), On(w), On(b), geo), 1e-4);
        Near(Cpu.ConvTranspose2d(gy, w, geo), Gpu.ConvTranspose2d(On(gy), On(w), geo), 1e-4);
        Near(Cpu.Conv2dGradW(x, gy, geo), Gpu.Conv2dGradW(On(x), On(gy), geo), 1e-4);
        var y = Cpu.MaxPool(x, geo, out var idx);
        var yg = Gpu.MaxPool(On(x), geo, out var idxg);
        Near(y, yg, 0);
        Assert.Equal(idx.ToArray<int>(), idxg.ToCpu().ToArray<int>());
    }
}
