using Nabla.Data;
using Nabla.Tensors;

namespace Nabla.Examples;

/// <summary>The MNIST splits an example trains on: all of data/mnist-10k, or its first examples for a quick run.</summary>
internal static class Mnists
{
    /// <summary>
    /// The training and test sets with MNIST's default transform (flattened, Float32 in [0, 1]) unless
    /// <paramref name="images"/>, which keeps each digit as a (1, 28, 28) image. A positive
    /// <paramref name="trainLimit"/> keeps that many training examples and a quarter as many test examples.
    /// </summary>
    public static (Dataset Train, Dataset Test) Load(int trainLimit = 0, bool images = false)
    {
        var train = Limit(new Mnist(train: true), trainLimit, images);
        var test = Limit(new Mnist(train: false), trainLimit / 4, images);
        return (train, test);
    }

    private static Dataset Limit(Mnist full, int limit, bool images)
    {
        var transform = images
            ? new Nabla.Data.Transforms.Normalize(0, 255)
            : Mnist.DefaultTransform();
        if (limit <= 0 || limit >= full.Count)
        {
            full.Transform = transform;
            return full;
        }
        return new TensorDataset(full.Data.Narrow(0, 0, limit), full.Labels.Narrow(0, 0, limit)) { Transform = transform };
    }

    /// <summary>Every input of <paramref name="dataset"/> after its transform, as one batch.</summary>
    public static Tensor AllInputs(Dataset dataset) => dataset.GetBatch(Enumerable.Range(0, dataset.Count).ToArray()).x;
}
