using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

/// <summary>An embedding table: integer ids of any shape become rows of W (vocabulary, size).</summary>
public sealed class EmbedID : Layer
{
    /// <param name="vocabulary">The number of ids (rows of W).</param>
    /// <param name="size">The length of each embedding (columns of W).</param>
    /// <param name="dtype">The parameters' dtype, Float32 or Float64.</param>
    /// <param name="gen">Where the standard-normal initial rows come from (default <see cref="Init.Generator"/>).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public EmbedID(int vocabulary, int size, DType dtype = DType.Float32, Generator? gen = null)
    {
        if (vocabulary <= 0 || size <= 0)
            throw new ArgumentOutOfRangeException(nameof(vocabulary), $"EmbedID: vocabulary ({vocabulary}) and size ({size}) must be positive");
        W = new Parameter(Tensor.Randn(gen ?? Init.Generator, DType.Float64, vocabulary, size).AsType(dtype), "W");
    }

    /// <summary>The embedding table, (vocabulary, size).</summary>
    public Parameter W { get; }

    /// <summary>The embeddings of the integer ids in <paramref name="x"/> (ids carry no gradient).</summary>
    public override Variable Forward(Variable x) => F.EmbedID(W, x.Data);
}
