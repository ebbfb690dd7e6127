using Nabla.Tensors;
using Nabla.Tensors.Backends;

namespace Nabla.Tests.Devices;

/// <summary>Runs the same backend call on the CPU and on ilgpu-cpu and compares the results.</summary>
internal static class DeviceCheck
{
    public static IBackend Cpu => CpuBackend.Instance;

    public static IBackend Gpu => BackendRegistry.For(Device.IlgpuCpu);

    public static Tensor Randn(int seed, DType dtype, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape).AsType(dtype);

    public static Tensor RandInt(int seed, long low, long high, DType dtype, params int[] shape) => Tensor.RandInt(new Generator(seed), low, high, shape, dtype);

    public static Tensor OnGpu(this Tensor t) => t.To(Device.IlgpuCpu);

    public static Tensor EmptyCpu(DType dtype, params int[] shape) => Tensor.Empty(dtype, shape);

    public static Tensor EmptyGpu(DType dtype, params int[] shape) => Tensor.Empty(dtype, shape, Device.IlgpuCpu);

    /// <summary>Bit-for-bit equality of dtype, shape and elements (NaN payloads aside).</summary>
    public static void Same(Tensor expected, Tensor actual)
    {
        var a = actual.ToCpu();
        Assert.Equal(Device.IlgpuCpu, actual.Device);
        Assert.Equal(expected.DType, a.DType);
        Assert.Equal(expected.Shape, a.Shape);
        var (e, g) = (expected.AsType(DType.Float64).ToArray<double>(), a.AsType(DType.Float64).ToArray<double>());
        if (expected.DType == DType.Int64)
        {
            Assert.Equal(expected.ToArray<long>(), a.ToArray<long>());
            return;
        }
        for (int i = 0; i < e.Length; i++)
            if (!(double.IsNaN(e[i]) && double.IsNaN(g[i])))
                Assert.True(BitConverter.DoubleToInt64Bits(e[i]) == BitConverter.DoubleToInt64Bits(g[i]), $"element {i}: expected {e[i]:R}, got {g[i]:R}");
    }

    /// <summary>Equality within <paramref name="tol"/>·(1 + |expected|) (default: 1e-5 for Float32, 1e-12 for Float64); NaN matches NaN, infinities match exactly.</summary>
    public static void Close(Tensor expected, Tensor actual, double? tol = null)
    {
        var a = actual.ToCpu();
        Assert.Equal(Device.IlgpuCpu, actual.Device);
        Assert.Equal(expected.DType, a.DType);
        Assert.Equal(expected.Shape, a.Shape);
        double t = tol ?? (expected.DType == DType.Float32 ? 1e-5 : 1e-12);
        var (e, g) = (expected.AsType(DType.Float64).ToArray<double>(), a.AsType(DType.Float64).ToArray<double>());
        for (int i = 0; i < e.Length; i++)
        {
            if (double.IsNaN(e[i]) || double.IsInfinity(e[i])) { Assert.True(e[i].Equals(g[i]), $"element {i}: expected {e[i]}, got {g[i]}"); continue; }
            Assert.True(Math.Abs(e[i] - g[i]) <= t * (1 + Math.Abs(e[i])), $"element {i}: expected {e[i]:R}, got {g[i]:R}");
        }
    }

    /// <summary>Sets one element of a float tensor of either dtype to NaN.</summary>
    public static void SetNaN(Tensor t, params int[] index)
    {
        if (t.DType == DType.Float32) t.Set(float.NaN, index);
        else t.Set(double.NaN, index);
    }

    public static readonly DType[] Floats = [DType.Float32, DType.Float64];

    public static readonly DType[] Numbers = [DType.Float32, DType.Float64, DType.Int32, DType.Int64];

    public static readonly DType[] All = [DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool];

    /// <summary>A tensor of <paramref name="dtype"/> with varied values: normals (scaled for integers) or alternating booleans.</summary>
    public static Tensor Values(int seed, DType dtype, params int[] shape) => dtype switch
    {
        DType.Bool => RandInt(seed, 0, 2, DType.Int64, shape).AsType(DType.Bool),
        DType.Int32 or DType.Int64 => RandInt(seed, -50, 50, dtype, shape),
        _ => Randn(seed, dtype, shape),
    };
}
