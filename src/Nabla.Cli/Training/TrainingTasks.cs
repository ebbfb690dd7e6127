using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Cli.Training;

/// <summary>Builds the data, the model and the task for each data set <c>nabla train</c> knows.</summary>
public static class TrainingTasks
{
    /// <summary>The models available for a data set, the default first.</summary>
    public static IReadOnlyList<string> Models(string dataset) => dataset switch
    {
        "mnist" => ["mlp", "cnn"],
        "spiral" => ["mlp"],
        "sincurve" => ["lstm"],
        _ => [],
    };

    public static TrainingTask Create(TrainOptions options)
    {
        var gen = options.NumPyRng ? Generator.NumPy((uint)options.Seed) : new Generator(options.Seed);
        var task = options.Dataset switch
        {
            "spiral" => Spiral(options, gen),
            "sincurve" => SinCurve(options),
            _ => Mnist(options, gen),
        };
        task.Model.To(options.Device);
        return task;
    }

    /// <summary>The data set moved once to the training device, so batches are cut there.</summary>
    private static (Tensor X, Tensor T) On(TrainOptions options, Tensor x, Tensor t) => (x.To(options.Device), t.To(options.Device));

    private static (Tensor X, Tensor T) On(TrainOptions options, (Tensor X, Tensor T) data) => On(options, data.X, data.T);

    private static TrainingTask Mnist(TrainOptions options, Generator gen)
    {
        var (train, test) = LoadMnist(options.DataDirectory);
        // Pixels 0..255 become 0..1, as DeZero's default MNIST transform.
        var (xTrain, tTrain) = Limit(train.Data * (1 / 255.0), train.Labels, options.Limit);
        var (xTest, tTest) = Limit(test.Data * (1 / 255.0), test.Labels, options.Limit / 4);
        Model model = options.Model == "cnn" ? Cnn() : MnistMlp();
        if (options.Model != "cnn")
        {
            xTrain = xTrain.Reshape(xTrain.Dim(0), -1);
            xTest = xTest.Reshape(xTest.Dim(0), -1);
        }
        (xTrain, tTrain) = On(options, xTrain, tTrain);
        (xTest, tTest) = On(options, xTest, tTest);
        return new ClassificationTask(model, xTrain, tTrain, xTest, tTest, options.BatchSize, gen);
    }

    /// <summary>The MLP of <c>nabla train mnist</c>: 784-1000-1000-10 with ReLU (PyTorch: Linears 0, 2, 4 of an nn.Sequential; DeZero: l0, l1, l2).</summary>
    public static Model MnistMlp() => new MLP([1000, 1000, 10], F.ReLU);

    /// <summary>The CNN of the benchmark workload W2: two 3x3 convolutions with max pooling, then a linear read-out.</summary>
    public static Model Cnn() => new Sequential(
        new Conv2d(16, 3, pad: 1), Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
        new Conv2d(32, 3, pad: 1), Activation.ReLU(), new Activation(x => F.Pooling(x, 2), "MaxPool2"),
        Activation.Flatten(), new Linear(10));

    private static (Mnist Train, Mnist Test) LoadMnist(string? directory)
    {
        try
        {
            return (new Mnist(train: true, directory: directory), new Mnist(train: false, directory: directory));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliError($"train: cannot load MNIST{(directory is null ? "" : $" from '{directory}'")}: {e.Message}", 1);
        }
    }

    private static TrainingTask Spiral(TrainOptions options, Generator gen)
    {
        var (xTrain, tTrain) = On(options, Data.Spiral.Generate(train: true, options.NumPyRng));
        var (xTest, tTest) = On(options, Data.Spiral.Generate(train: false, options.NumPyRng));
        // DeZero's step 48 model, with batch normalisation so 300 epochs of SGD(1.0) separate the arms reliably.
        var model = new Sequential(new Linear(10), new BatchNorm(), Activation.Sigmoid(), new Linear(3));
        return new SpiralTask(model, xTrain, tTrain, xTest, tTest, options.BatchSize, gen);
    }

    private static TrainingTask SinCurve(TrainOptions options)
    {
        var train = new SinCurve(train: true, seed: options.Seed, dtype: DType.Float32, numpyCompatible: options.NumPyRng);
        var test = new SinCurve(train: false, seed: options.Seed, dtype: DType.Float32, numpyCompatible: options.NumPyRng);
        var (xTrain, tTrain) = On(options, Limit(train.Data, train.Labels, options.Limit));
        var (xTest, tTest) = On(options, (test.Data, test.Labels));
        return new SinCurveTask(new SequenceModel(100, 1), xTrain, tTrain, xTest, tTest);
    }

    private static (Tensor X, Tensor T) Limit(Tensor x, Tensor t, int limit) =>
        limit <= 0 || limit >= x.Dim(0) ? (x, t) : (x.Narrow(0, 0, Math.Max(limit, 1)), t.Narrow(0, 0, Math.Max(limit, 1)));
}
