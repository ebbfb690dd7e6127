using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// A linear map fixed by the maxima an earlier <see cref="Pooling"/> pass saved: <see cref="Pooling2DWithIndexes"/>
/// reads them, <see cref="Pooling2DGrad"/> scatters to them, and each is the other's adjoint and gradient.
/// </summary>
public abstract class SavedMaximaFunction : Autodiff.Function
{
    private protected SavedMaximaFunction(ConvGeometry geometry, Tensor indexes) => (Geometry, Indexes) = (geometry, indexes);

    private protected SavedMaximaFunction(Pooling pooling, string op)
        : this((pooling ?? throw new ArgumentNullException(nameof(pooling))).Geometry, pooling.SavedIndexes(op))
    {
    }

    private protected ConvGeometry Geometry { get; }

    /// <summary>For each pooled element, the flat index of the input element it took.</summary>
    private protected Tensor Indexes { get; }

    /// <summary>Linear in its input, so the tangent goes through the forward computation itself.</summary>
    protected internal sealed override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
