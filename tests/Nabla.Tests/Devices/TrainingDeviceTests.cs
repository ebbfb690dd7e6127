using Nabla.Autodiff;
using Nabla.Data;
using Nabla.IO;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests.Devices;

/// <summary>
/// Whole training runs on ilgpu-cpu against the same runs on the CPU: same data, same seeds, so the losses of every
/// step and the final weights must agree to 1e-4 (float32 sums in another order drift a little over the steps).
/// </summary>
[Trait("Device", "ilgpu-cpu")]
public class TrainingDeviceTests
{
    private const double Tolerance = 1e-4;

    private static readonly Device Dev = Device.IlgpuCpu;

    private static (Tensor X, Tensor T) Digits(int count, bool images)
    {
        var mnist = new Mnist(train: true);
        var x = mnist.Data.Narrow(0, 0, count).AsType(DType.Float32) * (1 / 255.0);
        return (images ? x : x.Reshape(count, -1), mnist.Labels.Narrow(0, 0, count));
    }

    /// <summary>The central size×size pixels of each image: the emulated device is slow, and the digit is there.</summary>
    private static (Tensor X, Tensor T) Centre((Tensor X, Tensor T) data, int size)
    {
        int margin = (data.X.Dim(2) - size) / 2;
        return (data.X.Narrow(2, margin, size).Narrow(3, margin, size).Contiguous(), data.T);
    }

    private static (List<double> Losses, Dictionary<string, Tensor> Weights) Train(Device device, Func<Model> makeModel, Func<Optimizer> makeOptimizer,
        (Tensor X, Tensor T) data, int steps, int batch)
    {
        var model = makeModel();
        model.To(device);
        var optimizer = makeOptimizer().Setup(model);
        var loader = new DataLoader(new TensorDataset(data.X, data.T), batch, shuffle: true, generator: new Generator(3), device: device);
        var losses = new List<double>();
        while (losses.Count < steps)
            foreach (var (x, t) in loader)
            {
                Assert.Equal(device, x.Device);
                var loss = F.SoftmaxCrossEntropy(model.Forward(x), t);
                model.ClearGrads();
                loss.Backward();
                optimizer.Update();
                losses.Add(loss.Data.Item());
                if (losses.Count == steps) break;
            }
        Assert.Equal(device, model.Device);
        return (losses, model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Data.ToCpu()));
    }

    private static void AssertSameRun(Func<Model> makeModel, Func<Optimizer> makeOptimizer, (Tensor X, Tensor T) data, int steps, int batch) =>
        AssertSameRun(Dev, makeModel, makeOptimizer, data, steps, batch);

    private static void AssertSameRun(Device device, Func<Model> makeModel, Func<Optimizer> makeOptimizer, (Tensor X, Tensor T) data, int steps, int batch)
    {
        var cpu = Train(Device.Cpu, makeModel, makeOptimizer, data, steps, batch);
        var dev = Train(device, makeModel, makeOptimizer, data, steps, batch);
        for (int i = 0; i < steps; i++)
            Assert.True(Math.Abs(cpu.Losses[i] - dev.Losses[i]) <= Tolerance, $"step {i + 1}: loss {dev.Losses[i]:R} on ilgpu-cpu, {cpu.Losses[i]:R} on the cpu");
        Assert.True(cpu.Losses[^1] < cpu.Losses[0], $"the run did not learn: loss {cpu.Losses[0]} -> {cpu.Losses[^1]}");
        foreach (var (name, w) in cpu.Weights)
        {
            var (a, b) = (w.ToDoubleArray(), dev.Weights[name].ToDoubleArray());
            double worst = a.Zip(b, (p, q) => Math.Abs(p - q)).DefaultIfEmpty(0).Max();
            Assert.True(worst <= Tolerance, $"{name}: weights differ by up to {worst:G3} after {steps} steps");
        }
    }

    [Fact]
    public void A_hundred_steps_of_the_mnist_mlp_end_as_on_the_cpu()
    {
        AssertSameRun(() => new MLP([32, 10], F.ReLU, gen: new Generator(0)), () => new Adam(1e-3).AddHook(new WeightDecay(1e-4)), Digits(800, images: false), steps: 100, batch: 16);
    }

    [Fact]
    public void A_hundred_steps_of_the_mnist_cnn_end_as_on_the_cpu()
    {
        AssertSameRun(() => new Sequential(
                new Conv2d(4, 3, pad: 1, gen: new Generator(0)), Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
                Activation.Flatten(), new Linear(10, gen: new Generator(1))),
            () => new Adam(1e-3), Centre(Digits(400, images: true), 20), steps: 100, batch: 4);
    }

    /// <summary>The MNIST MLP and CNN on the first CUDA GPU, where there is one: the full-size models, 100 steps each.</summary>
    [CudaFact]
    public void The_mnist_mlp_and_cnn_train_on_cuda_as_on_the_cpu()
    {
        AssertSameRun(Device.Cuda(0), () => new MLP([1000, 1000, 10], F.ReLU, gen: new Generator(0)), () => new Adam(1e-3).AddHook(new WeightDecay(1e-4)),
            Digits(2000, images: false), steps: 100, batch: 100);
        AssertSameRun(Device.Cuda(0), () => new Sequential(
                new Conv2d(16, 3, pad: 1, gen: new Generator(0)), Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
                new Conv2d(32, 3, pad: 1, gen: new Generator(1)), Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
                Activation.Flatten(), new Linear(10, gen: new Generator(2))),
            () => new Adam(1e-3), Digits(2000, images: true), steps: 100, batch: 100);
    }

    public static TheoryData<string> Optimizers => new() { "sgd", "momentum", "adagrad", "adadelta", "adam+clip" };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Every_optimizer_and_hook_updates_as_on_the_cpu(string name)
    {
        Func<Optimizer> make = name switch
        {
            "sgd" => () => new SGD(0.1).AddHook(new WeightDecay(1e-3)),
            "momentum" => () => new MomentumSGD(0.05),
            "adagrad" => () => new AdaGrad(0.05),
            "adadelta" => () => new AdaDelta(),
            _ => () => new Adam(1e-2).AddHook(new ClipGrad(0.5)),
        };
        AssertSameRun(() => new Sequential(new Linear(16, noBias: true, gen: new Generator(0)), new BatchNorm(), Activation.Sigmoid(), new Linear(10, gen: new Generator(1))), make, Digits(160, images: false), steps: 10, batch: 16);
    }

    [Fact]
    public void An_lstm_trained_by_truncated_backprop_ends_as_on_the_cpu()
    {
        List<double> Run(Device device)
        {
            var lstm = new LSTM(8, inSize: 1, gen: new Generator(0));
            var fc = new Linear(1, inSize: 8, gen: new Generator(1));
            var model = new Sequential(lstm, fc);
            model.To(device);
            var optimizer = new Adam(1e-2).Setup(model);
            var series = Tensor.Arange(0, 40, 1, DType.Float32).Reshape(40, 1, 1) * 0.3;
            var xs = series.Sin().To(device);
            var losses = new List<double>();
            Variable loss = new(Tensor.Scalar(0f).To(device));
            for (int i = 0; i < 39; i++)
            {
                var y = model.Forward(new Variable(xs[i]));
                loss = i % 10 == 0 ? F.MeanSquaredError(y, new Variable(xs[i + 1])) : loss + F.MeanSquaredError(y, new Variable(xs[i + 1]));
                if (i % 10 != 9) continue;
                model.ClearGrads();
                loss.Backward();
                loss.UnchainBackward();
                optimizer.Update();
                losses.Add(loss.Data.Item());
            }
            return losses;
        }
        var (cpu, dev) = (Run(Device.Cpu), Run(Dev));
        Assert.Equal(cpu.Count, dev.Count);
        for (int i = 0; i < cpu.Count; i++) Assert.True(Math.Abs(cpu[i] - dev[i]) <= Tolerance, $"truncation {i}: {dev[i]:R} vs {cpu[i]:R}");
    }

    [Fact]
    public void A_checkpoint_loads_onto_the_device_the_model_is_on()
    {
        using var dir = new Nabla.Tests.IO.TempDirectory();
        var model = new MLP([5, 3], gen: new Generator(0));
        model.Forward(Tensor.Ones(2, 4));
        var path = Path.Combine(dir.Path, "w.safetensors");
        model.SaveWeights(path);
        var other = new MLP([5, 3], gen: new Generator(1));
        other.Forward(Tensor.Ones(2, 4));
        other.To(Dev);
        other.LoadWeights(path);
        Assert.Equal(Dev, other.Device);
        var x = Tensor.Randn(new Generator(2), 2, 4);
        var (expected, actual) = (model.Forward(x).Data.ToArray<float>(), other.Forward(x.To(Dev)).Data.ToArray<float>());
        // The same weights: equal outputs up to the order of the float32 sums.
        for (int i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-6, $"output {i}: {actual[i]} vs {expected[i]}");
    }
}
