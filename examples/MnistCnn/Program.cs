// A small convolutional network on MNIST.
// Run: dotnet run --project examples/MnistCnn -c Release -- [--quick] [--out DIR] [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Diagnostics;
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Examples.MnistCnn;

/// <summary>
/// conv 1→16 (3×3, pad 1), ReLU, 2×2 max pooling, conv 16→32 (3×3, pad 1), ReLU, 2×2 max pooling, linear 32·7·7→10,
/// trained with Adam on the 8,000 training digits of data/mnist-10k (kept as 1×28×28 images), batches of 100,
/// 5 epochs; prints the training loss and the test accuracy after each epoch.
/// </summary>
public static class Program
{
    private const int BatchSize = 100;

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>The network: two convolution blocks and a linear read-out.</summary>
    public static Sequential CreateModel() => new(
        new Conv2d(16, 3, pad: 1, inChannels: 1), Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
        new Conv2d(32, 3, pad: 1, inChannels: 16), Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
        Activation.Flatten(), new Linear(10, inSize: 32 * 7 * 7));

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = ExampleOptions.Parse(args, "MnistCnn", "a small CNN on MNIST, test accuracy per epoch", output, out int exit);
        if (options is null) return exit;
        int epochs = options.Quick ? 1 : 5;

        Init.Seed(0);
        // On ilgpu-cpu's emulated kernels a quick run trains on one batch, so that it still takes seconds.
        var (train, test) = Mnists.Load(trainLimit: options.QuickEmulated ? BatchSize : options.Quick ? 300 : 0, images: true);
        var loader = new DataLoader(train, BatchSize, shuffle: true, generator: new Generator(0), device: options.Device);
        var model = CreateModel();
        model.To(options.Device);
        var optimizer = new Adam(1e-3).Setup(model);
        var (xTest, tTest) = test.GetBatch(Enumerable.Range(0, test.Count).ToArray());
        (xTest, tTest) = (xTest.To(options.Device), tTest.To(options.Device));

        output.WriteLine($"MNIST: {train.Count} training and {test.Count} test digits; CNN with {model.ParameterCount():N0} weights, Adam(1e-3), batch {BatchSize}");
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double lossSum = 0;
            foreach (var (x, t) in loader)
            {
                var loss = F.SoftmaxCrossEntropy(model.Forward(x), t);
                model.ClearGrads();
                loss.Backward();
                optimizer.Update();
                lossSum += loss.Data.Item() * t.Dim(0);
            }
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "epoch {0}  train loss {1:F4}  test accuracy {2:F4}  ({3:F1} s)",
                epoch, lossSum / train.Count, Accuracy(model, xTest, tTest), clock.Elapsed.TotalSeconds));
        }
        return 0;
    }

    /// <summary>Accuracy in batches of 500, so the im2col buffers of the whole test set are never alive at once.</summary>
    private static double Accuracy(Model model, Tensor x, Tensor t)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        double correct = 0;
        int n = x.Dim(0);
        for (int start = 0; start < n; start += 500)
        {
            int size = Math.Min(500, n - start);
            correct += F.Accuracy(model.Forward(x.Narrow(0, start, size)), t.Narrow(0, start, size)).Data.Item() * size;
        }
        return correct / n;
    }
}
