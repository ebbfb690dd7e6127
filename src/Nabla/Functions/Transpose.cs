using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Axes permuted (reversed when none are given); the gradient is permuted back by the inverse permutation.</summary>
public sealed class Transpose(int[]? axes = null) : Function
{
    /// <summary>The permutation (output axis i is input axis Axes[i]), or null to reverse the axes.</summary>
    public int[]? Axes { get; } = axes is null || axes.Length == 0 ? null : ShapeUtil.CopyOf(axes);

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [Axes is null ? xs[0].Transpose() : xs[0].Transpose(Axes)];

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys) =>
        [Axes is null ? F.Transpose(gys[0]) : F.Transpose(gys[0], Inverse(Axes))];

    /// <inheritdoc/>
    protected internal override bool HasBatchRule => true;

    /// <summary>The inverse permutation of the axes after the batch axis, which stays first.</summary>
    protected internal override Variable?[] BackwardBatched(Variable[] gys)
    {
        int n = Inputs[0].NDim;
        var inverse = Axes is null ? Enumerable.Range(0, n).Reverse().ToArray() : Inverse(Axes);
        return [F.Transpose(gys[0], [0, .. inverse.Select(a => a + 1)])];
    }

    private static int[] Inverse(int[] axes)
    {
        int n = axes.Length;
        var inverse = new int[n];
        for (int i = 0; i < n; i++) inverse[(axes[i] % n + n) % n] = i;
        return inverse;
    }

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
