using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// The backward of <see cref="Pooling"/> as a function of the output gradient gy (N, C, OH, OW): zeros of the input's
/// shape with each value added at the position of its window's maximum. Linear; its gradient gathers from those
/// positions again (<see cref="Pooling2DWithIndexes"/>).
/// </summary>
public sealed class Pooling2DGrad : Function
{
    private readonly ConvGeometry geometry;
    private readonly Tensor indexes;

    /// <summary>Uses the maxima saved by the last forward pass of <paramref name="pooling"/>.</summary>
    public Pooling2DGrad(Pooling pooling) : this((pooling ?? throw new ArgumentNullException(nameof(pooling))).Geometry, pooling.SavedIndexes(nameof(Pooling2DGrad)))
    {
    }

    internal Pooling2DGrad(ConvGeometry geometry, Tensor indexes)
    {
        this.geometry = geometry;
        this.indexes = indexes;
    }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var gy = ConvShapes.Floats(xs)[0];
        var g = geometry;
        ConvShapes.Expect(Name, "output gradient", gy.Shape, [g.N, g.C, g.OH, g.OW]);
        return [Tensor.PoolScatter(gy, indexes, g)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new Pooling2DWithIndexes(geometry, indexes).Call(gys[0])];

    /// <summary>Linear in its input, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
