using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Sum over all or the given axes; the gradient is broadcast back over the summed axes.</summary>
public sealed class Sum(int[]? axes = null, bool keepDims = false) : Function
{
    public int[]? Axes { get; } = axes is null ? null : ShapeUtil.CopyOf(axes);
    public bool KeepDims { get; } = keepDims;

    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Sum(Axes, KeepDims)];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        var kept = x.Shape;
        var axes = Axes ?? Enumerable.Range(0, x.NDim).ToArray();
        foreach (int a in axes) kept[a < 0 ? a + x.NDim : a] = 1;
        return [F.BroadcastTo(F.Reshape(gys[0], kept), x.Shape)];
    }

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
