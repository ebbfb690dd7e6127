using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Cli.Training;

/// <summary>
/// The book's step 48 exactly as DeZero runs it (<c>nabla train spiral --book</c>): <c>get_spiral</c> seeds the
/// generator with 1984 and draws the data set; the same stream then gives each epoch's
/// <c>np.random.permutation(300)</c> and, on the first forward, each Linear's W (so the first epoch's shuffle
/// comes before the weights); MLP((10, 3)) with sigmoid, SGD(lr 1.0), batches of 30, softmax cross entropy,
/// float32. With a NumPy-compatible generator the epoch losses are DeZero's; with Nabla's own the recipe is the
/// same but the numbers are not.
/// </summary>
public static class BookStep48
{
    private const int BatchSize = 30, HiddenSize = 10;
    private const double LearningRate = 1.0;

    /// <summary>The mean training loss of each of <paramref name="epochs"/> epochs, as DeZero's <c>avg_loss</c>.</summary>
    public static IEnumerable<double> EpochLosses(int epochs, bool numpyRng, CancellationToken token = default)
    {
        if (epochs <= 0) throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "BookStep48: the number of epochs must be positive");
        return Losses(epochs, numpyRng, token);
    }

    /// <summary>Prints <c>epoch N, loss L</c> (L in round-trip precision) for each epoch; returns the exit code.</summary>
    public static int Run(int epochs, bool numpyRng, TextWriter output, CancellationToken token)
    {
        output.WriteLine($"step 48 as in the book: spiral (seed 1984), MLP((10, 3)) sigmoid, SGD(lr 1.0), batch 30, {epochs} epochs, float32, {(numpyRng ? "NumPy's legacy generator" : "Nabla's generator")}");
        int epoch = 0;
        foreach (double loss in EpochLosses(epochs, numpyRng, token))
            output.WriteLine(FormattableString.Invariant($"epoch {++epoch}, loss {loss:R}"));
        return epoch == epochs ? 0 : TrainCommand.Interrupted;
    }

    private static IEnumerable<double> Losses(int epochs, bool numpyRng, CancellationToken token)
    {
        uint seed = Data.Spiral.SeedOf(train: true);
        var rng = numpyRng ? Generator.NumPy(seed) : new Generator(seed);
        var (x, t) = Data.Spiral.Generate(rng);
        var model = new MLP([HiddenSize, 3], F.Sigmoid, DType.Float32, rng);
        var optimizer = new SGD(LearningRate).Setup(model);
        int n = x.Dim(0), iterations = (n + BatchSize - 1) / BatchSize;
        for (int epoch = 0; epoch < epochs && !token.IsCancellationRequested; epoch++)
        {
            var index = rng.Permutation(n);
            double sum = 0;
            for (int i = 0; i < iterations; i++)
            {
                int start = i * BatchSize, count = Math.Min(BatchSize, n - start);
                var batch = Tensor.FromSpan<int>(index.AsSpan(start, count), count);
                var y = model.Forward(x.Take(batch));
                var loss = F.SoftmaxCrossEntropy(y, t.Take(batch));
                model.ClearGrads();
                loss.Backward();
                optimizer.Update();
                sum += loss.Data.Item() * count;
            }
            yield return sum / n;
        }
    }
}
