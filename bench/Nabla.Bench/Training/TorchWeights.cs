using TorchSharp;
using NTensor = Nabla.Tensors.Tensor;

namespace Nabla.Bench.Training;

/// <summary>Copies Nabla's initial weights into TorchSharp parameters, so that both systems start from the same point.</summary>
internal static class TorchWeights
{
    /// <summary>
    /// Overwrites <paramref name="target"/> with <paramref name="source"/> (float32), transposed first when asked
    /// (Nabla's Linear keeps W as (in, out), PyTorch's weight is (out, in)). The shapes must then match.
    /// </summary>
    public static void Copy(NTensor source, torch.Tensor target, bool transpose = false)
    {
        var value = transpose ? source.T : source;
        long[] shape = value.Shape.Select(d => (long)d).ToArray();
        if (!shape.SequenceEqual(target.shape))
            throw new ArgumentException($"TorchWeights.Copy: Nabla shape ({string.Join(",", shape)}) does not match TorchSharp shape ({string.Join(",", target.shape)})");
        using var noGrad = torch.no_grad();
        using var src = torch.tensor(value.Contiguous().ToArray<float>(), shape);
        target.copy_(src);
    }
}
