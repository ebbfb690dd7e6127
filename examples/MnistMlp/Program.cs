// A multi-layer perceptron on MNIST (DeZero step 51), then its weights saved and loaded back.
// Run: dotnet run --project examples/MnistMlp -c Release -- [--quick] [--out DIR] [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Diagnostics;
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.IO;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Examples.MnistMlp;

/// <summary>
/// MLP(1000, 1000, 10) with ReLU and Adam on the 8,000 training digits of data/mnist-10k, batches of 100, 5 epochs;
/// prints the training loss and the test accuracy (2,000 digits) after each epoch. The trained weights go to
/// <c>mnist-mlp.safetensors</c> and are loaded into a fresh model, which must score the same.
/// </summary>
public static class Program
{
    private const int BatchSize = 100;

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = ExampleOptions.Parse(args, "MnistMlp", "an MLP on MNIST, test accuracy per epoch", output, out int exit);
        if (options is null) return exit;
        int epochs = options.Quick ? 1 : 5;
        int hidden = options.Quick ? 100 : 1000;

        Init.Seed(0);
        // On ilgpu-cpu's emulated kernels a quick run trains on one batch, so that it still takes seconds.
        var (train, test) = Mnists.Load(trainLimit: options.QuickEmulated ? BatchSize : options.Quick ? 400 : 0);
        var loader = new DataLoader(train, BatchSize, shuffle: true, generator: new Generator(0), device: options.Device);
        var model = new MLP([hidden, hidden, 10], F.ReLU);
        // The biases move now; the weights, whose input size the first batch tells, are made on that batch's device.
        model.To(options.Device);
        var optimizer = new Adam(1e-3).Setup(model);
        var (xTest, tTest) = test.GetBatch(Enumerable.Range(0, test.Count).ToArray());
        (xTest, tTest) = (xTest.To(options.Device), tTest.To(options.Device));

        output.WriteLine($"MNIST: {train.Count} training and {test.Count} test digits; MLP({hidden}, {hidden}, 10) with ReLU, Adam(1e-3), batch {BatchSize}");
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

        string path = options.OutPath("mnist-mlp.safetensors");
        model.SaveWeights(path);
        var restored = new MLP([hidden, hidden, 10], F.ReLU);
        restored.LoadWeights(path);
        // Loaded weights land on the device of the parameters they replace: the CPU, in a model that was never moved.
        restored.To(options.Device);
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "wrote {0}; loaded into a new model: test accuracy {1:F4}",
            path, Accuracy(restored, xTest, tTest)));
        return 0;
    }

    private static double Accuracy(Model model, Tensor x, Tensor t)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        return F.Accuracy(model.Forward(x), t).Data.Item();
    }
}
