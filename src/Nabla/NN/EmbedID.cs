using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>An embedding table: integer ids of any shape become rows of W (vocabulary, size).</summary>
public sealed class EmbedID : Layer
{
    public EmbedID(int vocabulary, int size, DType dtype = DType.Float32, Generator? gen = null)
    {
        if (vocabulary <= 0 || size <= 0)
            throw new ArgumentOutOfRangeException(nameof(vocabulary), $"EmbedID: vocabulary ({vocabulary}) and size ({size}) must be positive");
        W = new Parameter(Tensor.Randn(gen ?? Init.Generator, DType.Float64, vocabulary, size).AsType(dtype), "W");
    }

    public Parameter W { get; }

    /// <summary>The embeddings of the integer ids in <paramref name="x"/> (ids carry no gradient).</summary>
    public override Variable Forward(Variable x) => F.EmbedID(W, x.Data);
}
