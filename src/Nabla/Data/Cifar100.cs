using Nabla.Data.Transforms;
using Nabla.Tensors;

namespace Nabla.Data;

/// <summary>
/// CIFAR-100 from its binary version (<c>train.bin</c>, <c>test.bin</c>; records of a coarse label byte, a fine
/// label byte and 3072 pixel bytes). Data are Float32 (N, 3, 32, 32) raw pixels, labels Int64 (N,): the 100 fine
/// classes by default (as DeZero's <c>label_type='fine'</c>) or the 20 coarse superclasses.
/// </summary>
public sealed class Cifar100 : TensorDataset
{
    /// <summary>The training or test split found in <paramref name="directory"/> or its <c>cifar-100-binary</c> subfolder.</summary>
    public Cifar100(string directory, bool train = true, bool coarseLabels = false) : base(Load(directory, train, coarseLabels))
    {
        Train = train;
        CoarseLabels = coarseLabels;
        Transform = Cifar10.DefaultTransform();
    }

    /// <summary>Whether this is the training split.</summary>
    public bool Train { get; }

    /// <summary>Whether the labels are the 20 superclasses rather than the 100 classes.</summary>
    public bool CoarseLabels { get; }

    private static (Tensor, Tensor) Load(string directory, bool train, bool coarse)
    {
        var paths = CifarReader.Locate("Cifar100", directory, "cifar-100-binary", [train ? "train.bin" : "test.bin"]);
        return CifarReader.Read("Cifar100", paths, labelBytes: 2, labelByte: coarse ? 0 : 1, classes: coarse ? 20 : 100);
    }
}
