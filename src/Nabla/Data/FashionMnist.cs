using Nabla.Data.Transforms;

namespace Nabla.Data;

/// <summary>
/// Fashion-MNIST: 28x28 grey images of ten kinds of clothing in MNIST's IDX layout. Data, labels and the default
/// transform are as for <see cref="Mnist"/>. Without a directory, the repository's <c>data/fashion-mnist</c> is
/// used; with a <see cref="DatasetDownload"/> (e.g. http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/),
/// missing files are fetched into the directory (by default the user cache) and checked against <see cref="KnownSha256"/>.
/// </summary>
public sealed class FashionMnist : TensorDataset
{
    /// <summary>SHA-256 of the published Fashion-MNIST files.</summary>
    public static readonly IReadOnlyDictionary<string, string> KnownSha256 = new Dictionary<string, string>
    {
        ["train-images-idx3-ubyte.gz"] = "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84",
        ["train-labels-idx1-ubyte.gz"] = "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845",
        ["t10k-images-idx3-ubyte.gz"] = "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073",
        ["t10k-labels-idx1-ubyte.gz"] = "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5",
    };

    private static readonly IdxImageSet.Spec Spec = new("FashionMnist", "fashion-mnist", "fashion-mnist", KnownSha256);

    /// <summary>The training or test split, from <paramref name="directory"/> (see the class remarks for the default).</summary>
    public FashionMnist(bool train = true, string? directory = null, DatasetDownload? download = null)
        : base(IdxImageSet.Load(Spec, train, directory, download))
    {
        Train = train;
        Transform = Mnist.DefaultTransform();
    }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    /// <summary>The class names in label order.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
}
