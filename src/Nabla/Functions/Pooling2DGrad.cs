using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// The backward of <see cref="Pooling"/> as a function of the output gradient gy (N, C, OH, OW): zeros of the input's
/// shape with each value added at the position of its window's maximum. Linear; its gradient gathers from those
/// positions again (<see cref="Pooling2DWithIndexes"/>).
/// </summary>
public sealed class Pooling2DGrad : SavedMaximaFunction
{
    /// <summary>Uses the maxima saved by the last forward pass of <paramref name="pooling"/>.</summary>
    public Pooling2DGrad(Pooling pooling) : base(pooling, nameof(Pooling2DGrad))
    {
    }

    internal Pooling2DGrad(ConvGeometry geometry, Tensor indexes) : base(geometry, indexes)
    {
    }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var gy = ConvShapes.Floats(xs)[0];
        var g = Geometry;
        ConvShapes.Expect(Name, "output gradient", gy.Shape, [g.N, g.C, g.OH, g.OW]);
        return [Tensor.PoolScatter(gy, Indexes, g)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new Pooling2DWithIndexes(Geometry, Indexes).Call(gys[0])];
}
