using Nabla.Tensors;
using Nabla.Tensors.Kernels;
using static Nabla.Tests.Devices.DeviceCheck;

namespace Nabla.Tests.Devices;

public class IlgpuConvTests
{
    // (N, C, H, W, KH, KW, SH, SW, PH, PW): plain, strided and padded, overlapping windows, a 1×1 image.
    private static readonly ConvGeometry[] cases =
    [
        new ConvGeometry(2, 3, 5, 5, 3, 3, 1, 1, 1, 1),
        new ConvGeometry(1, 2, 7, 6, 3, 2, 2, 2, 1, 0),
        new ConvGeometry(2, 1, 4, 4, 2, 2, 2, 2, 0, 0),
        new ConvGeometry(3, 2, 5, 4, 3, 3, 1, 1, 0, 0),
        new ConvGeometry(1, 1, 1, 1, 1, 1, 1, 1, 0, 0),
    ];

    public static TheoryData<int> Geometries() => new(Enumerable.Range(0, cases.Length));

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Convolutions_match(int geometry)
    {
        var g = cases[geometry];
        const int oc = 4;
        foreach (var dtype in Floats)
        {
            double tol = dtype == DType.Float32 ? 1e-5 : 1e-12;
            var x = Values(50, dtype, g.ImageShape);
            var w = Values(51, dtype, oc, g.C, g.KH, g.KW);
            var b = Values(52, dtype, oc);
            var gy = Values(53, dtype, g.N, oc, g.OH, g.OW);
            Close(Cpu.Conv2d(x, w, b, g), Gpu.Conv2d(x.OnGpu(), w.OnGpu(), b.OnGpu(), g), tol);
            Close(Cpu.Conv2d(x, w, null, g), Gpu.Conv2d(x.OnGpu(), w.OnGpu(), null, g), tol);
            Close(Cpu.ConvTranspose2d(gy, w, g), Gpu.ConvTranspose2d(gy.OnGpu(), w.OnGpu(), g), tol);
            Close(Cpu.Conv2dGradW(x, gy, g), Gpu.Conv2dGradW(x.OnGpu(), gy.OnGpu(), g), tol);
            var col = Cpu.Im2Col(x, g);
            Same(col, Gpu.Im2Col(x.OnGpu(), g));
            Same(Cpu.Col2Im(col, g), Gpu.Col2Im(col.OnGpu(), g));
        }
    }

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Pooling_matches_with_ties_and_nan(int geometry)
    {
        var g = cases[geometry];
        foreach (var dtype in Floats)
        {
            // Few distinct values: many ties inside windows; one NaN.
            var x = RandInt(54, 0, 3, DType.Int64, g.ImageShape).AsType(dtype);
            if (x.Size > 5) SetNaN(x, 0, 0, 0, 1);
            var y = Cpu.MaxPool(x, g, out var ic);
            var yg = Gpu.MaxPool(x.OnGpu(), g, out var ig);
            Same(y, yg);
            Same(ic, ig);
            var gy = Values(55, dtype, g.N, g.C, g.OH, g.OW);
            Same(Cpu.PoolScatter(gy, ic, g), Gpu.PoolScatter(gy.OnGpu(), ig, g));
            Same(Cpu.PoolGather(x, ic, g), Gpu.PoolGather(x.OnGpu(), ig, g));
            var xs = Values(56, dtype, g.ImageShape);
            Same(Cpu.AvgPool(xs, g), Gpu.AvgPool(xs.OnGpu(), g));
            Same(Cpu.AvgPoolAdjoint(gy, g), Gpu.AvgPoolAdjoint(gy.OnGpu(), g));
        }
    }
}
