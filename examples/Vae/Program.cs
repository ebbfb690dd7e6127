// A variational autoencoder on MNIST that then draws new digits.
// Run: dotnet run --project examples/Vae -c Release -- [--quick] [--out DIR] [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Diagnostics;
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Examples.Vae;

/// <summary>
/// Trains a <see cref="VariationalAutoencoder"/> (784 → 400 → 2×16, 16 → 400 → 784) with Adam on the 8,000
/// training digits of data/mnist-10k, printing the loss (reconstruction + KL) per epoch and the test loss at the
/// end; then decodes 32 codes drawn from the prior into <c>vae-samples.png</c> and shows test digits next to their
/// reconstructions in <c>vae-reconstructions.png</c>.
/// </summary>
public static class Program
{
    private const int BatchSize = 100, HiddenSize = 400, LatentSize = 16;

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = ExampleOptions.Parse(args, "Vae", "a variational autoencoder on MNIST, with generated digits", output, out int exit);
        if (options is null) return exit;
        int epochs = options.Quick ? 1 : 30;

        Init.Seed(0);
        var gen = new Generator(1);
        // On ilgpu-cpu's emulated kernels a quick run trains on one batch, so that it still takes seconds.
        var (train, test) = Mnists.Load(trainLimit: options.QuickEmulated ? BatchSize : options.Quick ? 400 : 0);
        var loader = new DataLoader(train, BatchSize, shuffle: true, generator: new Generator(0), device: options.Device);
        var model = new VariationalAutoencoder(HiddenSize, LatentSize);
        model.To(options.Device);
        var optimizer = new Adam(1e-3).Setup(model);

        output.WriteLine($"MNIST: {train.Count} training digits; VAE 784-{HiddenSize}-{LatentSize}, Adam(1e-3), batch {BatchSize}, {epochs} epochs");
        var clock = Stopwatch.StartNew();
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double lossSum = 0, recSum = 0, klSum = 0;
            foreach (var (x, _) in loader)
            {
                var (loss, rec, kl) = model.Loss(new Variable(x), gen);
                model.ClearGrads();
                loss.Backward();
                optimizer.Update();
                int n = x.Dim(0);
                (lossSum, recSum, klSum) = (lossSum + loss.Data.Item() * n, recSum + rec * n, klSum + kl * n);
            }
            if (epoch == 1 || epoch % Math.Max(epochs / 10, 1) == 0 || epoch == epochs)
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "epoch {0,2}  loss {1:F2} = reconstruction {2:F2} + KL {3:F2}  ({4:F1} s)",
                    epoch, lossSum / train.Count, recSum / train.Count, klSum / train.Count, clock.Elapsed.TotalSeconds));
        }
        var xTest = Mnists.AllInputs(test).To(options.Device);
        using (Config.NoGrad())
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "test loss {0:F2} per digit", model.Loss(new Variable(xTest), gen).Loss.Data.Item()));

        string samplesPath = options.OutPath("vae-samples.png");
        ImageGrid.Save(samplesPath, model.Sample(32, gen), columns: 8, "VAE: digits decoded from random codes");
        output.WriteLine($"wrote {samplesPath}");
        string reconstructionsPath = options.OutPath("vae-reconstructions.png");
        ImageGrid.Save(reconstructionsPath, Reconstructions(model, xTest.Narrow(0, 0, 8)), columns: 8, "VAE: test digits (top) and their reconstructions");
        output.WriteLine($"wrote {reconstructionsPath}");
        return 0;
    }

    /// <summary>The digits followed by their reconstructions from the mean code, (2n, 784).</summary>
    private static Tensor Reconstructions(VariationalAutoencoder model, Tensor digits)
    {
        using var noGrad = Config.NoGrad();
        return Tensor.Concat([digits, F.Sigmoid(model.Forward(digits)).Data], 0);
    }
}
