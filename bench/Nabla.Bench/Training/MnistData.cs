using Nabla.Data;
using TorchSharp;
using NTensor = Nabla.Tensors.Tensor;

namespace Nabla.Bench.Training;

/// <summary>
/// The repository's mnist-10k (8,000 training and 2,000 test digits), loaded once: pixels scaled to 0..1 as the CLI
/// does, as Nabla tensors (images (N, 1, 28, 28), labels Int64) and as TorchSharp copies of the same values.
/// </summary>
internal static class MnistData
{
    private static readonly Lazy<(NTensor X, NTensor T)> train = new(() => Load(true));
    private static readonly Lazy<(NTensor X, NTensor T)> test = new(() => Load(false));

    /// <summary>Training images (N, 1, 28, 28) in 0..1 and labels.</summary>
    public static (NTensor X, NTensor T) Train => train.Value;

    /// <summary>Test images (N, 1, 28, 28) in 0..1 and labels.</summary>
    public static (NTensor X, NTensor T) Test => test.Value;

    private static (NTensor X, NTensor T) Load(bool isTrain)
    {
        var set = new Mnist(train: isTrain);
        return ((set.Data * (1 / 255.0)).Contiguous(), set.Labels.Contiguous());
    }

    /// <summary>Images flattened to (N, 784), for the MLP.</summary>
    public static (NTensor X, NTensor T) Flat((NTensor X, NTensor T) set) => (set.X.Reshape(set.X.Dim(0), -1), set.T);

    /// <summary>A TorchSharp copy of a Nabla float32 or int64 tensor, same shape.</summary>
    public static torch.Tensor ToTorch(NTensor t)
    {
        long[] shape = t.Shape.Select(d => (long)d).ToArray();
        return t.DType == Nabla.Tensors.DType.Int64
            ? torch.tensor(t.Contiguous().ToArray<long>(), shape)
            : torch.tensor(t.Contiguous().ToArray<float>(), shape);
    }

    /// <summary>A pair of Nabla tensors as TorchSharp copies.</summary>
    public static (torch.Tensor X, torch.Tensor T) ToTorch((NTensor X, NTensor T) set) => (ToTorch(set.X), ToTorch(set.T));
}
