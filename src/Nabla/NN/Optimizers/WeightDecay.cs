using System.Numerics;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>L2 weight decay, as DeZero's hook and PyTorch's <c>weight_decay</c>: g ← g + rate·p.</summary>
public sealed class WeightDecay : IOptimizerHook
{
    public WeightDecay(double rate)
    {
        if (!(rate >= 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "WeightDecay: the rate must be non-negative");
        Rate = rate;
    }

    public double Rate { get; }

    public void Apply(IReadOnlyList<GradientEntry> entries)
    {
        foreach (var e in entries)
        {
            if (e.Gradient.DType == DType.Float32) Decay(e.Gradient.Span<float>(), e.Parameter.Data.Span<float>(), (float)Rate);
            else Decay(e.Gradient.Span<double>(), e.Parameter.Data.Span<double>(), Rate);
        }
    }

    private static void Decay<T>(Span<T> g, ReadOnlySpan<T> p, T rate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < g.Length; i++) g[i] += rate * p[i];
    }
}
