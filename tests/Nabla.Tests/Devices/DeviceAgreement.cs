using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Devices;

/// <summary>
/// Runs one differentiable computation on the CPU and on another device from the same inputs and asserts that
/// values, gradients (reverse mode), second derivatives (double backprop) and tangents (forward mode) agree.
/// </summary>
internal static class DeviceAgreement
{
    /// <summary>The tolerances the devices issue sets: 1e-6 relative for float32, 1e-12 for float64.</summary>
    public static (double Rtol, double Atol) Tolerance(DType dtype) => dtype == DType.Float32 ? (1e-6, 1e-6) : (1e-12, 1e-12);

    /// <summary>
    /// Asserts agreement of <paramref name="f"/> on <paramref name="device"/> with the CPU. Inputs of a float dtype
    /// are differentiated (first and, with <paramref name="second"/>, second order); other inputs (labels, indices)
    /// are passed along on the device.
    /// </summary>
    public static void Assert(Device device, Func<Variable[], Variable> f, bool second, params Tensor[] inputs)
    {
        var cpu = Run(Device.Cpu, f, second, inputs);
        var dev = Run(device, f, second, inputs);
        var (rtol, atol) = Tolerance(cpu.Value.DType);
        Close("value", cpu.Value, dev.Value, rtol, atol);
        for (int i = 0; i < cpu.Grads.Length; i++)
        {
            Close($"gradient of input {i}", cpu.Grads[i], dev.Grads[i], rtol, atol);
            Close($"second derivative of input {i}", cpu.Seconds[i], dev.Seconds[i], rtol, atol);
        }
        Close("tangent", cpu.Tangent, dev.Tangent, rtol, atol);
    }

    private sealed record Result(Tensor Value, Tensor?[] Grads, Tensor?[] Seconds, Tensor? Tangent);

    private static Result Run(Device device, Func<Variable[], Variable> f, bool second, Tensor[] inputs)
    {
        var xs = inputs.Select(t => new Variable(t.Copy().To(device))).ToArray();
        var y = f(xs);
        xs.All(x => x.Device == device).ShouldHold($"inputs stayed on {device}");
        (y.Device == device).ShouldHold($"the result of a computation on {device} is on {y.Device}");
        var weights = Tensor.Randn(new Generator(77), y.DType, y.Shape).To(device);
        var loss = F.Sum(y * new Variable(weights));
        loss.Backward(createGraph: second);
        var grads = xs.Select(x => IsDifferentiable(x) ? x.Grad?.Data.ToCpu() : null).ToArray();
        var seconds = new Tensor?[xs.Length];
        if (second)
        {
            var gs = xs.Select(x => IsDifferentiable(x) ? x.Grad : null).ToArray();
            for (int i = 0; i < xs.Length; i++)
            {
                if (gs[i] is not { } g || g.Creator is null) continue;
                foreach (var x in xs) x.ClearGrad();
                var w2 = Tensor.Randn(new Generator(78 + i), g.DType, g.Shape).To(device);
                F.Sum(g * new Variable(w2)).Backward();
                seconds[i] = xs[i].Grad?.Data.ToCpu();
            }
        }
        return new Result(y.Data.ToCpu(), grads, seconds, Tangent(device, f, inputs));
    }

    /// <summary>Forward mode along fixed random tangents of the float inputs.</summary>
    private static Tensor? Tangent(Device device, Func<Variable[], Variable> f, Tensor[] inputs)
    {
        using var noGrad = Config.NoGrad();
        var xs = inputs.Select((t, i) => new Variable(t.Copy().To(device))
        {
            Tangent = t.DType.IsFloat() ? Tensor.Randn(new Generator(90 + i), t.DType, t.Shape).To(device) : null,
        }).ToArray();
        return f(xs).Tangent?.ToCpu();
    }

    private static bool IsDifferentiable(Variable x) => x.DType.IsFloat();

    private static void Close(string what, Tensor? cpu, Tensor? device, double rtol, double atol)
    {
        if (cpu is null && device is null) return;
        Xunit.Assert.True(cpu is not null && device is not null, $"{what}: present on one device only (cpu: {cpu is not null}, device: {device is not null})");
        Xunit.Assert.Equal(cpu!.Shape, device!.Shape);
        Xunit.Assert.Equal(cpu.DType, device.DType);
        var (a, b) = (cpu.ToDoubleArray(), device.ToDoubleArray());
        double worst = 0;
        int at = -1;
        for (int i = 0; i < a.Length; i++)
        {
            if (a[i].Equals(b[i])) continue;
            double excess = Math.Abs(a[i] - b[i]) - (atol + rtol * Math.Abs(a[i]));
            if (double.IsNaN(excess) || excess > worst) (worst, at) = (double.IsNaN(excess) ? double.PositiveInfinity : excess, i);
        }
        Xunit.Assert.True(at < 0, $"{what}: element {at} is {b[Math.Max(at, 0)]:R} on the device and {a[Math.Max(at, 0)]:R} on the CPU (rtol {rtol}, atol {atol})");
    }

    private static void ShouldHold(this bool condition, string message) => Xunit.Assert.True(condition, message);
}
