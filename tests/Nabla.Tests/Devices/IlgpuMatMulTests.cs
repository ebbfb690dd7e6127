using Nabla.Tensors;
using static Nabla.Tests.Devices.DeviceCheck;

namespace Nabla.Tests.Devices;

public class IlgpuMatMulTests
{
    [Fact]
    public void MatMul_plain_transposed_odd_sizes_and_ints()
    {
        foreach (var dtype in Numbers)
        {
            Check(Values(30, dtype, 3, 5), Values(31, dtype, 5, 4), [], [3, 4]);
            Check(Values(32, dtype, 17, 1), Values(33, dtype, 1, 3), [], [17, 3]);
            Check(Values(34, dtype, 9, 17), Values(35, dtype, 5, 9), [], [17, 5], t => t.T, t => t.T);
            Check(Values(36, dtype, 1, 1), Values(37, dtype, 1, 1), [], [1, 1]);
        }
    }

    [Fact]
    public void MatMul_broadcasts_batch_axes()
    {
        foreach (var dtype in Floats)
        {
            Check(Values(38, dtype, 2, 1, 3, 5), Values(39, dtype, 4, 5, 2), [2, 4], [2, 4, 3, 2]);
            Check(Values(40, dtype, 3, 6), Values(41, dtype, 2, 7, 6), [2], [2, 3, 7], null, t => t.SwapAxes(1, 2));
            Check(Values(42, dtype, 3, 2, 4), Values(43, dtype, 4, 3), [3], [3, 1, 3], t => t[.., 1.., ..]);
            Check(Values(44, dtype, 4, 3, 17), Values(45, dtype, 17, 3), [3], [3, 4, 3], t => t.SwapAxes(0, 1));
        }
    }

    /// <summary>The product of the views <paramref name="fa"/>(a) and <paramref name="fb"/>(b), taken on each device (so strided views reach the kernel).</summary>
    private static void Check(Tensor a, Tensor b, int[] batch, int[] shape, Func<Tensor, Tensor>? fa = null, Func<Tensor, Tensor>? fb = null)
    {
        fa ??= t => t;
        fb ??= t => t;
        var (c, g) = (EmptyCpu(a.DType, shape), EmptyGpu(a.DType, shape));
        Cpu.MatMul(fa(a), fb(b), c, batch);
        Gpu.MatMul(fa(a.OnGpu()), fb(b.OnGpu()), g, batch);
        if (a.DType.IsFloat()) Close(c, g, a.DType == DType.Float32 ? 1e-5 : 1e-12);
        else Same(c, g);
    }
}
