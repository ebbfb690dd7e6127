using Nabla.Data.Transforms;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// CIFAR-10 from its binary version (<c>data_batch_1.bin</c> to <c>data_batch_5.bin</c>, <c>test_batch.bin</c>;
/// records of 1 label byte and 3072 pixel bytes). <see cref="TensorDataset.Data"/> holds the raw pixels 0..255 as
/// Float32 (N, 3, 32, 32), <see cref="TensorDataset.Labels"/> Int64 (N,). The default transform scales pixels to [0, 1].
/// </summary>
public sealed class Cifar10 : TensorDataset
{
    /// <summary>The training (50,000 images in the official files) or test split found in <paramref name="directory"/> or its <c>cifar-10-batches-bin</c> subfolder.</summary>
    public Cifar10(string directory, bool train = true) : base(Load(directory, train))
    {
        Train = train;
        Transform = DefaultTransform();
    }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    /// <summary>The class names in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"];

    /// <summary>Float32 pixels divided by 255.</summary>
    public static Transform DefaultTransform() => new Compose(new AsType(), new Normalize(0, 255));

    private static (Tensor, Tensor) Load(string directory, bool train)
    {
        var names = train ? Enumerable.Range(1, 5).Select(i => $"data_batch_{i}.bin") : ["test_batch.bin"];
        var paths = CifarReader.Locate("Cifar10", directory, "cifar-10-batches-bin", names);
        return CifarReader.Read("Cifar10", paths, labelBytes: 1, labelByte: 0, classes: 10);
    }
}
