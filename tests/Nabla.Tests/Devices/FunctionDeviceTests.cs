using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Devices;

/// <summary>
/// Every differentiable function on ilgpu-cpu (the GPU kernels, emulated on the CPU) against the CPU backend: values,
/// gradients, second derivatives and forward-mode tangents, in float64 and, for the training paths, float32.
/// </summary>
[Trait("Device", "ilgpu-cpu")]
public class FunctionDeviceTests
{
    private static readonly Device Dev = Device.IlgpuCpu;

    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    private static Tensor P(int seed, params int[] shape) => Tensor.Rand(new Generator(seed), DType.Float64, shape) + 0.5;

    internal static Tensor Labels(params long[] values) => Tensor.FromArray(values);

    /// <summary>(function, smooth enough for a second derivative, inputs).</summary>
    private static (Func<Variable[], Variable> F, bool Second, Tensor[] Inputs) Case(string name) => name switch
    {
        "add" => (v => v[0] + v[1], true, [R(1, 2, 3), R(2, 3)]),
        "sub" => (v => v[0] - v[1], true, [R(1, 3, 1), R(2, 1, 4)]),
        "mul" => (v => v[0] * v[1], true, [R(1, 2, 3, 1), R(2, 3, 4)]),
        "div" => (v => v[0] / v[1], true, [R(1, 2, 3), P(2, 2, 1)]),
        "scalar ops" => (v => (v[0] * 2.0 - 1.5) / 3.0 + 0.25, true, [R(1, 4)]),
        "neg" => (v => -v[0], true, [R(1, 5)]),
        "exp" => (v => F.Exp(v[0]), true, [R(1, 3, 4)]),
        "log" => (v => F.Log(v[0]), true, [P(1, 3, 4)]),
        "sin" => (v => F.Sin(v[0]), true, [R(1, 17)]),
        "cos" => (v => F.Cos(v[0]), true, [R(1, 17)]),
        "tan" => (v => F.Tan(v[0] * 0.3), true, [R(1, 17)]),
        "tanh" => (v => F.Tanh(v[0]), true, [R(1, 3, 5)]),
        "sqrt" => (v => F.Sqrt(v[0]), true, [P(1, 3, 5)]),
        "abs" => (v => F.Abs(v[0]), false, [R(1, 3, 5)]),
        "pow" => (v => v[0].Pow(3) + v[0].Pow(-1.5), true, [P(1, 2, 3)]),
        "reshape and transpose" => (v => F.Transpose(F.Reshape(v[0], 3, 2, 4), 2, 0, 1) * v[1], true, [R(1, 6, 4), R(2, 4, 3, 2)]),
        "broadcast and sum-to" => (v => F.SumTo(F.BroadcastTo(v[0], 4, 2, 3) * v[1], 1, 3), true, [R(1, 2, 1), R(2, 4, 2, 3)]),
        "sum over axes" => (v => F.Sum(v[0], [0, 2]) + F.Sum(v[0], axis: -1, keepDims: true).Sum(), true, [R(1, 2, 3, 4)]),
        "mean" => (v => F.Mean(v[0], axis: 1) * F.Mean(v[0]), true, [R(1, 3, 5)]),
        "matmul" => (v => F.MatMul(v[0], v[1]), true, [R(1, 3, 4), R(2, 4, 5)]),
        "batched matmul" => (v => F.MatMul(v[0], v[1]), true, [R(1, 2, 3, 4), R(2, 4, 2)]),
        "matmul of a transpose" => (v => F.MatMul(v[0].T, v[1]), true, [R(1, 4, 3), R(2, 4, 2)]),
        "matrix-vector" => (v => F.MatMul(v[0], v[1]), true, [R(1, 3, 4), R(2, 4)]),
        "linear" => (v => F.Linear(v[0], v[1], v[2]), true, [R(1, 5, 4), R(2, 4, 3), R(3, 3)]),
        "concat and stack" => (v => F.Concat([v[0], v[1]], 1) * F.Stack([v[0], v[0]], 1).Reshape(2, 6), true, [R(1, 2, 3), R(2, 2, 3)]),
        "getitem" => (v => F.GetItem(v[0], Slice.All, new long[] { 2, 0, 2 }) * F.Sum(F.GetItem(v[0], 1)), true, [R(1, 3, 4)]),
        "max and min" => (v => F.Max(v[0], axis: 1) - F.Min(v[0], axis: 0).Sum(), false, [R(1, 4, 5)]),
        "clip" => (v => F.Clip(v[0], -0.5, 0.5), false, [R(1, 4, 5)]),
        "sigmoid" => (v => F.Sigmoid(v[0]), true, [R(1, 3, 7)]),
        "relu" => (v => F.ReLU(v[0]), false, [R(1, 3, 7)]),
        "leaky relu" => (v => F.LeakyReLU(v[0], 0.1), false, [R(1, 3, 7)]),
        "softmax" => (v => F.Softmax(v[0], 1), true, [R(1, 4, 5)]),
        "log softmax" => (v => F.LogSoftmax(v[0], 1), true, [R(1, 4, 5)]),
        "logsumexp" => (v => F.LogSumExp(v[0], 1), true, [R(1, 4, 5)]),
        "softmax cross entropy" => (v => F.SoftmaxCrossEntropy(v[0], v[1]), true, [R(1, 4, 5), Labels(0, 4, 2, 2)]),
        "mean squared error" => (v => F.MeanSquaredError(v[0], v[1]), true, [R(1, 4, 3), R(2, 4, 3)]),
        "sigmoid cross entropy" => (v => F.SigmoidCrossEntropy(v[0], v[1]), true, [R(1, 4, 3), Tensor.Rand(new Generator(2), DType.Float64, 4, 3).Gt(0.5).AsType(DType.Int32)]),
        "binary cross entropy" => (v => F.BinaryCrossEntropy(F.Sigmoid(v[0]), v[1]), true, [R(1, 4, 3), Tensor.Rand(new Generator(2), DType.Float64, 4, 3).Gt(0.5).AsType(DType.Int32)]),
        "conv2d" => (v => F.Conv2d(v[0], v[1], v[2], pad: 1), true, [R(1, 2, 3, 5, 5), R(2, 4, 3, 3, 3), R(3, 4)]),
        "strided conv2d" => (v => F.Conv2d(v[0], v[1], null, stride: 2), true, [R(1, 2, 2, 7, 6), R(2, 3, 2, 3, 2)]),
        "deconv2d" => (v => F.Deconv2d(v[0], v[1], v[2], stride: 2, pad: 1), true, [R(1, 2, 4, 3, 3), R(2, 4, 3, 3, 3), R(3, 3)]),
        "max pooling" => (v => F.Pooling(v[0], 2), false, [R(1, 2, 3, 6, 6)]),
        "overlapping max pooling" => (v => F.Pooling(v[0], 3, stride: 1, pad: 1), false, [R(1, 2, 2, 5, 5)]),
        "average pooling" => (v => F.AveragePooling(v[0], 2), true, [R(1, 2, 3, 6, 6)]),
        "im2col and col2im" => (v => F.Col2Im(F.Im2Col(v[0], 3, pad: 1) * 2.0, [2, 3, 5, 5], 3, pad: 1), true, [R(1, 2, 3, 5, 5)]),
        "batch norm" => (v => F.BatchNorm(v[0], v[1], v[2], Tensor.Zeros(DType.Float64, 3).To(v[0].Device), Tensor.Ones(DType.Float64, 3).To(v[0].Device)), true,
            [R(1, 4, 3, 2, 2), P(2, 3), R(3, 3)]),
        "dropout" => (v => F.Dropout(v[0], 0.3, new Generator(5)), false, [R(1, 6, 7)]),
        "embed id" => (v => F.EmbedID(v[0], v[1].Data), false, [R(1, 5, 3), Tensor.FromArray(new long[] { 4, 0, 4, 2 }).Reshape(2, 2)]),
        _ => throw new ArgumentException(name),
    };

    public static TheoryData<string> Names => new()
    {
        "add", "sub", "mul", "div", "scalar ops", "neg", "exp", "log", "sin", "cos", "tan", "tanh", "sqrt", "abs", "pow",
        "reshape and transpose", "broadcast and sum-to", "sum over axes", "mean", "matmul", "batched matmul", "matmul of a transpose",
        "matrix-vector", "linear", "concat and stack", "getitem", "max and min", "clip", "sigmoid", "relu", "leaky relu", "softmax",
        "log softmax", "logsumexp", "softmax cross entropy", "mean squared error", "sigmoid cross entropy", "binary cross entropy",
        "conv2d", "strided conv2d", "deconv2d", "max pooling", "overlapping max pooling", "average pooling", "im2col and col2im",
        "batch norm", "dropout", "embed id",
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Agrees_with_the_cpu_in_float64(string name)
    {
        var (f, second, inputs) = Case(name);
        DeviceAgreement.Assert(Dev, f, second, inputs);
    }

    public static TheoryData<string> Float32Names => new()
    {
        "add", "mul", "exp", "tanh", "sigmoid", "relu", "matmul", "linear", "softmax cross entropy", "conv2d", "max pooling",
        "batch norm", "mean squared error",
    };

    [Theory]
    [MemberData(nameof(Float32Names))]
    public void Agrees_with_the_cpu_in_float32(string name)
    {
        var (f, second, inputs) = Case(name);
        var floats = inputs.Select(t => t.DType == DType.Float64 ? t.AsType(DType.Float32) : t).ToArray();
        Func<Variable[], Variable> g = name == "batch norm"
            ? v => F.BatchNorm(v[0], v[1], v[2], Tensor.Zeros(DType.Float32, 3).To(v[0].Device), Tensor.Ones(DType.Float32, 3).To(v[0].Device))
            : f;
        DeviceAgreement.Assert(Dev, g, second, floats);
    }

    /// <summary>The same agreement on the first CUDA GPU, where there is one (skipped, saying so, where there is none).</summary>
    [CudaFact]
    public void Every_function_agrees_with_the_cpu_on_cuda()
    {
        foreach (var row in Names)
        {
            var (f, second, inputs) = Case(row);
            DeviceAgreement.Assert(Device.Cuda(0), f, second, inputs);
        }
    }

    [Fact]
    public void Mixing_devices_in_one_op_names_the_op_and_both_devices()
    {
        var a = Tensor.Ones(2, 3).To(Dev);
        var b = Tensor.Ones(2, 3);
        Assert.Equal("Add: operands on ilgpu-cpu and cpu; move one with To(device)", Assert.Throws<InvalidOperationException>(() => a + b).Message);
        Assert.Contains("MatMul: operands on cpu and ilgpu-cpu", Assert.Throws<InvalidOperationException>(() => Tensor.MatMul(b, a.T)).Message);
        Assert.Contains("operands on ilgpu-cpu and cpu", Assert.Throws<InvalidOperationException>(() => F.Conv2d(new Variable(Tensor.Ones(1, 1, 3, 3).To(Dev)), new Variable(Tensor.Ones(1, 1, 2, 2)))).Message);
        Assert.Contains("Assign: operands on ilgpu-cpu and cpu", Assert.Throws<InvalidOperationException>(() => a.Assign(b)).Message);
    }

    [Fact]
    public void A_scalar_on_the_cpu_goes_with_a_tensor_anywhere_as_in_PyTorch()
    {
        var a = Tensor.FromArray(new float[] { 1, 2, 3 }).To(Dev);
        var sum = a + Tensor.Scalar(1.0f);
        Assert.Equal(Dev, sum.Device);
        Assert.Equal(new float[] { 2, 3, 4 }, sum.ToArray<float>());
        Assert.Equal(new float[] { 2, 4, 6 }, (a * 2.0).ToArray<float>());
    }

    [Fact]
    public void Host_reads_copy_back_explicitly()
    {
        var t = Tensor.FromArray(new double[,] { { 1.5, 2 }, { 3, 4 } }).To(Dev);
        Assert.Equal(Dev, t.Device);
        Assert.Equal(2.0, t.Get<double>(0, 1));
        Assert.Equal(3.0, t.GetDouble(1, 0));
        Assert.Equal(10.5, t.Sum().Item());
        Assert.Equal(new[] { 1.5, 2, 3, 4 }, t.ToArray<double>());
        Assert.Equal(Tensor.FromArray(new double[,] { { 1.5, 2 }, { 3, 4 } }).ToString(), t.ToString());
        Assert.EndsWith(", device=ilgpu-cpu)", t.ToRepr());
        t.Set(7.0, 1, 1);
        t.SetDouble(8.0, 0, 0);
        Assert.Equal(new[] { 8, 2, 3, 7.0 }, t.ToCpu().ToArray<double>());
        Assert.Equal(Device.Cpu, t.ToCpu().Device);
    }

    [Fact]
    public void Views_of_device_tensors_read_and_write_their_storage()
    {
        var t = Tensor.Arange(0, 12, 1, DType.Float64).Reshape(3, 4).To(Dev);
        Assert.Equal(new double[] { 1, 5, 9 }, t[Slice.All, 1].ToArray<double>());
        Assert.Equal(new double[] { 0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11 }, t.T.Contiguous().ToArray<double>());
        t[1] = Tensor.Scalar(-1.0);
        t.AddAt(Tensor.FromArray(new double[] { 10, 20 }).To(Dev), new long[] { 0, 2 }, 0);
        Assert.Equal(new double[] { 10, 1, 2, 3, -1, -1, -1, -1, 28, 9, 10, 11 }, t.ToArray<double>());
    }
}
