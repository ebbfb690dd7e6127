using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// 2-D max pooling of x (N, C, H, W): the largest element of each kernel window, (N, C, OH, OW). The padding is
/// ignored (as in PyTorch; it may be at most half the kernel). The position of each maximum is saved (the first in
/// row-major window order on ties), and the gradient is routed there by <see cref="Pooling2DGrad"/>.
/// </summary>
public sealed class Pooling(Pair kernel, Pair stride, Pair pad) : WindowFunction(kernel, stride, pad)
{
    /// <summary>The window geometry of the last forward pass.</summary>
    internal ConvGeometry Geometry { get; private set; }

    /// <summary>For each output element of the last forward pass, the flat index of the input element it took; null before.</summary>
    internal Tensor? Indexes { get; private set; }

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var x = ConvShapes.Floats(xs)[0];
        Geometry = ConvShapes.Pool(Name, x.Shape, Kernel, Stride, Pad);
        var y = x.MaxPool2d(Geometry, out var indexes);
        Indexes = indexes;
        return [y];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) => [new Pooling2DGrad(this).Call(gys[0])];

    /// <summary>The tangent of each maximum: the input tangent gathered at the saved indexes.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) =>
        [ConvShapes.Like(txs, ys[0].DType)[0].PoolGather(Indexes!, Geometry)];

    /// <summary>The indexes of the last forward pass, or an error naming <paramref name="op"/> when there was none.</summary>
    internal Tensor SavedIndexes(string op) =>
        Indexes ?? throw new InvalidOperationException($"{op}: the Pooling function has not been run forward yet");
}
