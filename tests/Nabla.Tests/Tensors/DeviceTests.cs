using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

public class DeviceTests
{
    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("CPU", "cpu")]
    [InlineData("cuda", "cuda:0")]
    [InlineData("gpu", "cuda:0")]
    [InlineData("cuda:1", "cuda:1")]
    [InlineData(" cuda:12 ", "cuda:12")]
    [InlineData("ilgpu-cpu", "ilgpu-cpu")]
    public void Parse_reads_what_PyTorch_users_write(string text, string expected)
    {
        var device = Device.Parse(text);
        Assert.Equal(expected, device.ToString());
        Assert.Equal(device, Device.Parse(device.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("tpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:x")]
    [InlineData("cuda:0:1")]
    public void Parse_refuses_other_names_with_a_clear_message(string text)
    {
        var e = Assert.Throws<FormatException>(() => Device.Parse(text));
        Assert.Contains($"'{text}'", e.Message);
        Assert.Contains("cpu, cuda, cuda:N or ilgpu-cpu", e.Message);
        Assert.False(Device.TryParse(text, out _));
    }

    [Fact]
    public void Values_compare_by_kind_and_ordinal()
    {
        Assert.Equal(Device.Cuda(0), Device.Parse("cuda"));
        Assert.NotEqual(Device.Cuda(0), Device.Cuda(1));
        Assert.NotEqual(Device.Cpu, Device.IlgpuCpu);
        Assert.Equal(Device.Cpu, default);
        Assert.True(Device.Cpu.IsCpu);
        Assert.Throws<ArgumentOutOfRangeException>(() => Device.Cuda(-1));
    }

    [Fact]
    public void The_cpu_is_always_available_and_listed_first()
    {
        Assert.True(Device.Cpu.IsAvailable);
        var devices = Device.Available();
        Assert.Equal(Device.Cpu, devices[0].Device);
        Assert.True(devices[0].MemoryBytes > 0);
    }

    [Fact]
    public void Tensors_are_made_on_the_cpu_and_To_the_same_device_is_the_tensor_itself()
    {
        var t = Tensor.Ones(2, 3);
        Assert.Equal(Device.Cpu, t.Device);
        Assert.Same(t, t.To(Device.Cpu));
        Assert.Same(t, t.ToCpu());
        Assert.Same(t, t.To("cpu"));
    }
}
