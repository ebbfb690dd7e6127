using Nabla.Tensors;
using static Nabla.Tests.Devices.DeviceCheck;

namespace Nabla.Tests.Devices;

public class IlgpuUpdateTests
{
    [Fact]
    public void Optimizer_updates_match_in_place()
    {
        foreach (var dtype in Floats)
        {
            var (p, g, s1, s2) = (Values(60, dtype, 3, 17), Values(61, dtype, 3, 17), Values(62, dtype, 3, 17).Abs(), Values(63, dtype, 3, 17).Abs());
            Step(dtype, [p, g], (be, t) => be.SgdStep(t[0], t[1], 0.1));
            Step(dtype, [p, g, s1], (be, t) => be.MomentumStep(t[0], t[1], t[2], 0.1, 0.9));
            Step(dtype, [p, g, s1], (be, t) => be.AdaGradStep(t[0], t[1], t[2], 0.1, 1e-8));
            Step(dtype, [p, g, s1, s2], (be, t) => be.AdaDeltaStep(t[0], t[1], t[2], t[3], 0.95, 1e-6));
            Step(dtype, [p, g, s1, s2], (be, t) => be.AdamStep(t[0], t[1], t[2], t[3], 0.9, 0.999, 0.01, 0.7, 1e-8));
            Step(dtype, [p], (be, t) => be.Scale(t[0], 0.3));
            Step(dtype, [g, p], (be, t) => be.AddScaled(t[0], t[1], 1e-2));
        }
    }

    /// <summary>Runs the update on copies on each device and compares every tensor it may have written.</summary>
    private static void Step(DType dtype, Tensor[] inputs, Action<Nabla.Tensors.Backends.IBackend, Tensor[]> update)
    {
        var c = inputs.Select(t => t.Copy()).ToArray();
        var g = inputs.Select(t => t.OnGpu()).ToArray();
        update(Cpu, c);
        update(Gpu, g);
        for (int i = 0; i < c.Length; i++) Close(c[i], g[i], dtype == DType.Float32 ? 1e-6 : 1e-12);
    }
}
