using Nabla.Tensors;
using Nabla.Tensors.Backends;
using Nabla.Tensors.Backends.Ilgpu;
using static Nabla.Tests.Devices.DeviceCheck;

namespace Nabla.Tests.Devices;

public class IlgpuMemoryTests
{
    [Fact]
    public void Probe_lists_ilgpu_cpu_and_never_throws()
    {
        var devices = IlgpuBackend.Probe();
        Assert.Contains(devices, d => d.Device == Device.IlgpuCpu);
        Assert.True(Device.IlgpuCpu.IsAvailable);
    }

    [Fact]
    public void Starting_an_absent_cuda_device_names_it_and_the_count()
    {
        int count = IlgpuBackend.Probe().Count(d => d.Device.Type == DeviceType.Cuda);
        var e = Assert.Throws<InvalidOperationException>(() => IlgpuBackend.Start(Device.Cuda(count + 1)));
        Assert.Equal($"Device: cuda:{count + 1} is not available on this machine ({count} CUDA devices found)", e.Message);
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    [InlineData(DType.Int32)]
    [InlineData(DType.Int64)]
    [InlineData(DType.Bool)]
    public void Round_trip_keeps_every_element(DType dtype)
    {
        foreach (int n in new[] { 0, 1, 3, 17 })
        {
            var x = Values(n, dtype, n);
            Same(x, x.OnGpu());
        }
    }

    [Fact]
    public void Zeroed_allocation_is_zero_even_from_the_pool()
    {
        var dirty = Values(1, DType.Float64, 33).OnGpu();
        dirty.Release();
        var t = Tensor.Empty(DType.Float64, [33], Device.IlgpuCpu);
        Same(Tensor.Zeros(DType.Float64, 33), t);
    }

    [Fact]
    public void Released_storage_is_reused_and_its_old_buffer_refuses_use()
    {
        var a = Values(1, DType.Float32, 19).OnGpu();
        var buffer = (IlgpuBuffer)a.Storage;
        a.Release();
        Assert.Throws<ObjectDisposedException>(() => buffer.View<float>());
        var b = Values(2, DType.Float32, 19);
        Same(b, b.OnGpu());
    }

    [Fact]
    public void Views_of_device_tensors_come_back_in_row_major_order()
    {
        var x = Values(3, DType.Float32, 3, 4);
        Same(x.T.Contiguous(), x.OnGpu().T);
        Same(x[1.., 1..3].Contiguous(), x.OnGpu()[1.., 1..3]);
    }

    [Fact]
    public void Storage_of_collected_tensors_is_reused_safely()
    {
        // Tensors dropped without Release reach the pool through IlgpuBuffer's finalizer; their memory must stay valid.
        var x = Values(5, DType.Float32, 2, 3, 5, 5);
        for (int i = 0; i < 6; i++)
        {
            DropOne(x);
            GC.Collect();
            GC.WaitForPendingFinalizers();
            Same(x, x.OnGpu());
        }
    }

    private static void DropOne(Tensor x) => _ = x.OnGpu();
}
