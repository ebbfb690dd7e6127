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
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        if (Axes is null) return [F.Transpose(gys[0])];
        int n = Axes.Length;
        var inverse = new int[n];
        for (int i = 0; i < n; i++) inverse[(Axes[i] % n + n) % n] = i;
        return [F.Transpose(gys[0], inverse)];
    }

    /// <summary>Linear in its inputs, so the tangent goes through the forward computation itself.</summary>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => Forward(txs);
}
