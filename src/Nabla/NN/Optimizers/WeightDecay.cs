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
        foreach (var e in entries) e.Gradient.AddScaledInPlace(e.Parameter.Data, Rate);
    }
}
