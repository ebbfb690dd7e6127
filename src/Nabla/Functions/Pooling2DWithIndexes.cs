using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Max pooling with the positions fixed by an earlier <see cref="Pooling"/> pass: x (N, C, H, W) read at the saved
/// maxima, (N, C, OH, OW). Linear; the adjoint of <see cref="Pooling2DGrad"/>, which is also its gradient.
/// </summary>
public sealed class Pooling2DWithIndexes : Function
{
    private readonly ConvGeometry geometry;
    private readonly Tensor indexes;

    /// <summary>Uses the maxima saved by the last forward pass of <paramref name="pooling"/>.</summary>
    public Pooling2DWithIndexes(Pooling pooling) : this((pooling ?? throw new ArgumentNullException(nameof(pooling))).Geometry, pooling.SavedIndexes(nameof(Pooling2DWithIndexes)))
    {
    }

    internal Pooling2DWithIndexes(ConvGeometry geometry, Tensor indexes)
    {
        this.geometry = geometry;
        this.indexes = indexes;
    }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var x = ConvShapes.Floats(xs)[0];
        var g = geometry;
        ConvShapes.Expect(Name, "input", x.Shape, g.ImageShape);
        return [x.PoolGather(indexes, g)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new Pooling2DGrad(geometry, indexes).Call(gys[0])];

    /// <summary>Linear in its input, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
