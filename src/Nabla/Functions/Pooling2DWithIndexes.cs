using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Max pooling with the positions fixed by an earlier <see cref="Pooling"/> pass: x (N, C, H, W) read at the saved
/// maxima, (N, C, OH, OW). Linear; the adjoint of <see cref="Pooling2DGrad"/>, which is also its gradient.
/// </summary>
public sealed class Pooling2DWithIndexes : SavedMaximaFunction
{
    /// <summary>Uses the maxima saved by the last forward pass of <paramref name="pooling"/>.</summary>
    public Pooling2DWithIndexes(Pooling pooling) : base(pooling, nameof(Pooling2DWithIndexes))
    {
    }

    internal Pooling2DWithIndexes(ConvGeometry geometry, Tensor indexes) : base(geometry, indexes)
    {
    }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var x = ConvShapes.Floats(xs)[0];
        ConvShapes.Expect(Name, "input", x.Shape, Geometry.ImageShape);
        return [x.PoolGather(Indexes, Geometry)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new Pooling2DGrad(Geometry, Indexes).Call(gys[0])];
}
