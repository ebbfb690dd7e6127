using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// Every kernel window of the zero-padded image batch x (N, C, H, W) copied out, as DeZero's im2col:
/// shape (N, C, KH, KW, OH, OW), or with <paramref name="toMatrix"/> one row per window, (N·OH·OW, C·KH·KW).
/// Linear; its adjoint, and so its gradient, is <see cref="Col2Im"/>.
/// </summary>
public sealed class Im2Col(Pair kernel, Pair stride, Pair pad, bool toMatrix = true) : WindowFunction(kernel, stride, pad)
{
    /// <summary>True for one row per window, (N·OH·OW, C·KH·KW); false for (N, C, KH, KW, OH, OW).</summary>
    public bool ToMatrix { get; } = toMatrix;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var x = ConvShapes.Floats(xs)[0];
        var g = ConvShapes.Window(Name, x.Shape, Kernel, Stride, Pad);
        var col = x.Im2Col(g);
        return [ToMatrix ? col.Transpose(0, 4, 5, 1, 2, 3).Reshape(g.N * g.Positions, g.Patch) : col];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) =>
        [new Col2Im(Inputs[0].Shape, Kernel, Stride, Pad, ToMatrix).Call(gys[0])];

    /// <summary>Linear in its input, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
