using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// The adjoint of <see cref="Im2Col"/>: columns of shape (N, C, KH, KW, OH, OW), or (N·OH·OW, C·KH·KW) with
/// <paramref name="toMatrix"/>, added back into an image batch of shape <paramref name="inputShape"/> (N, C, H, W);
/// values of overlapping windows accumulate and those in the padding are dropped. Its gradient is im2col.
/// </summary>
public sealed class Col2Im(int[] inputShape, Pair kernel, Pair stride, Pair pad, bool toMatrix = true) : WindowFunction(kernel, stride, pad)
{
    /// <summary>The shape of the image batch the columns are added into, (N, C, H, W).</summary>
    public int[] InputShape { get; } = (int[])inputShape.Clone();
    /// <summary>True when the columns come as a matrix (N·OH·OW, C·KH·KW), false for (N, C, KH, KW, OH, OW).</summary>
    public bool ToMatrix { get; } = toMatrix;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var col = ConvShapes.Floats(xs)[0];
        var g = ConvShapes.Window(Name, InputShape, Kernel, Stride, Pad);
        ConvShapes.Expect(Name, "columns", col.Shape, ToMatrix ? [g.N * g.Positions, g.Patch] : g.ColShape);
        if (ToMatrix) col = col.Reshape(g.N, g.OH, g.OW, g.C, g.KH, g.KW).Transpose(0, 3, 4, 5, 1, 2);
        return [col.Col2Im(g)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) =>
        [new Im2Col(Kernel, Stride, Pad, ToMatrix).Call(gys[0])];

    /// <summary>Linear in its input, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
