// A small generative adversarial network on MNIST (MLP generator and discriminator).
// Run: dotnet run --project examples/Gan -c Release -- [--quick] [--out DIR] [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Diagnostics;
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Examples.Gan;

/// <summary>
/// A generator (64 → 256 → 512 → 784, batch normalisation and leaky ReLU, tanh output) learns to draw digits that a
/// discriminator (784 → 512 → 256 → 1 logit, leaky ReLU and dropout) cannot tell from the 8,000 training digits of
/// data/mnist-10k, scaled to [-1, 1]. Each step trains the discriminator on a real and a generated batch (sigmoid
/// cross-entropy against 0.9 and 0: one-sided label smoothing keeps it from becoming so sure that the generator's
/// gradient vanishes), then the generator to make the discriminator answer 1. Both use Adam(2e-4, β1 = 0.5), as
/// DCGAN. Prints both losses and writes 64 samples from fixed codes to <c>gan-samples.png</c>.
/// </summary>
public static class Program
{
    private const int BatchSize = 64, LatentSize = 64;

    public static int Main(string[] args) => Run(args, Console.Out);

    private static Activation LeakyReLU() => new(x => F.LeakyReLU(x, 0.2), "LeakyReLU");

    /// <summary>Codes (N, 64) to images (N, 784) in [-1, 1].</summary>
    public static Sequential CreateGenerator() => new(
        new Linear(256, inSize: LatentSize), new BatchNorm(), LeakyReLU(),
        new Linear(512, inSize: 256), new BatchNorm(), LeakyReLU(),
        new Linear(28 * 28, inSize: 512), Activation.Tanh());

    /// <summary>Images (N, 784) to one logit each (N, 1): positive means "real".</summary>
    public static Sequential CreateDiscriminator() => new(
        new Linear(512, inSize: 28 * 28), LeakyReLU(), new Dropout(0.3, new Generator(3)),
        new Linear(256, inSize: 512), LeakyReLU(), new Dropout(0.3, new Generator(4)),
        new Linear(1, inSize: 256));

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = ExampleOptions.Parse(args, "Gan", "an MLP GAN on MNIST, with generated digits", output, out int exit);
        if (options is null) return exit;
        int epochs = options.Quick ? 1 : 50;

        Init.Seed(0);
        var noise = new Generator(1);
        // On ilgpu-cpu's emulated kernels a quick run trains on one batch, so that it still takes seconds.
        var (train, _) = Mnists.Load(trainLimit: options.QuickEmulated ? BatchSize : options.Quick ? 256 : 0);
        var loader = new DataLoader(train, BatchSize, shuffle: true, generator: new Generator(0), dropLast: true, device: options.Device);
        var generator = CreateGenerator();
        var discriminator = CreateDiscriminator();
        generator.To(options.Device);
        discriminator.To(options.Device);
        var optG = new Adam(2e-4, beta1: 0.5).Setup(generator);
        var optD = new Adam(2e-4, beta1: 0.5).Setup(discriminator);
        var real = Tensor.Full([BatchSize, 1], 0.9).To(options.Device);
        var fake = Tensor.Zeros(BatchSize, 1).To(options.Device);
        var ones = Tensor.Ones(BatchSize, 1).To(options.Device);
        var fixedCodes = Tensor.Randn(new Generator(2), 64, LatentSize).To(options.Device);

        output.WriteLine($"MNIST: {train.Count} training digits; MLP GAN, code size {LatentSize}, Adam(2e-4, beta1 0.5), batch {BatchSize}, {epochs} epochs");
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double lossD = 0, lossG = 0;
            int steps = 0;
            foreach (var (batch, _) in loader)
            {
                // tanh's range: the generator's outputs and the real digits must live on the same scale.
                var x = batch * 2.0 - 1.0;
                var images = generator.Forward(Tensor.Randn(noise, BatchSize, LatentSize).To(options.Device));

                // The discriminator sees the generated images as constants: its step must not move the generator.
                var dLoss = F.SigmoidCrossEntropy(discriminator.Forward(x), real)
                    + F.SigmoidCrossEntropy(discriminator.Forward(images.Data), fake);
                discriminator.ClearGrads();
                dLoss.Backward();
                optD.Update();

                // The generator's gradient flows back through the (just updated) discriminator.
                var gLoss = F.SigmoidCrossEntropy(discriminator.Forward(images), ones);
                generator.ClearGrads();
                gLoss.Backward();
                optG.Update();

                lossD += dLoss.Data.Item();
                lossG += gLoss.Data.Item();
                steps++;
            }
            if (epoch == 1 || epoch % Math.Max(epochs / 10, 1) == 0)
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "epoch {0,2}  discriminator loss {1:F3}  generator loss {2:F3}  ({3:F1} s)",
                    epoch, lossD / steps, lossG / steps, clock.Elapsed.TotalSeconds));
        }

        string path = options.OutPath("gan-samples.png");
        Tensor samples;
        using (Config.NoGrad())
        using (Config.TestMode())
            samples = (generator.Forward(fixedCodes).Data + 1.0) * 0.5;
        ImageGrid.Save(path, samples, columns: 8, "GAN: generated digits");
        output.WriteLine($"wrote {path}");
        return 0;
    }
}
