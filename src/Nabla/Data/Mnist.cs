using Nabla.Data.Transforms;

namespace Nabla.Data;

/// <summary>
/// MNIST handwritten digits. <see cref="TensorDataset.Data"/> holds the raw pixels 0..255 as Float32
/// (N, 1, 28, 28) and <see cref="TensorDataset.Labels"/> the digits as Int64 (N,). As in DeZero, the default
/// <see cref="Dataset.Transform"/> flattens each image to 784 values in [0, 1] (<see cref="DefaultTransform"/>);
/// set it to null for the raw images.
/// <para>
/// Files are the four standard IDX files, gzipped or not. Without a directory, the shipped <c>data/mnist-10k</c>
/// (8,000 training and 2,000 test digits) is used: <c>$NABLA_DATA/mnist-10k</c> when that variable is set, else the
/// copy that the NuGet package puts next to the application, else the one of a clone of the repository (in an
/// ancestor of the application folder or of the current directory); with a <see cref="DatasetDownload"/>,
/// missing files are fetched into the directory (by default the user cache) and checked against
/// <see cref="KnownSha256"/>, the sums of the full 60,000/10,000 MNIST files.
/// </para>
/// </summary>
public sealed class Mnist : TensorDataset
{
    /// <summary>SHA-256 of the standard MNIST files (as mirrored by e.g. https://ossci-datasets.s3.amazonaws.com/mnist/).</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownSha256 = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609",
        ["train-labels-idx1-ubyte.gz"] = "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c",
        ["t10k-images-idx3-ubyte.gz"] = "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6",
        ["t10k-labels-idx1-ubyte.gz"] = "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6",
    };

    private static readonly IdxImageSet.Spec Spec = new("Mnist", "mnist", "mnist-10k", KnownSha256);

    /// <summary>The training or test split, from <paramref name="directory"/> (see the class remarks for the default).</summary>
    public Mnist(bool train = true, string? directory = null, DatasetDownload? download = null)
        : base(IdxImageSet.Load(Spec, train, directory, download))
    {
        Train = train;
        Transform = DefaultTransform();
    }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    /// <summary>The class names, "0" to "9".</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

    /// <summary>DeZero's MNIST transform: flatten, Float32, divide by 255.</summary>
    public static Transform DefaultTransform() => new Compose(new Flatten(), new AsType(), new Normalize(0, 255));
}
