using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>L2 weight decay, as DeZero's hook and PyTorch's <c>weight_decay</c>: g ← g + rate·p.</summary>
public sealed class WeightDecay : IOptimizerHook
{
    /// <param name="rate">The factor of p added to each gradient, non-negative.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rate"/> is negative.</exception>
    public WeightDecay(double rate)
    {
        if (!(rate >= 0)) throw new ArgumentOutOfRangeException(nameof(rate), rate, "WeightDecay: the rate must be non-negative");
        Rate = rate;
    }

    /// <summary>The factor of the parameter added to its gradient.</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public void Apply(IReadOnlyList<GradientEntry> entries)
    {
        foreach (var e in entries) e.Gradient.AddScaledInPlace(e.Parameter.Data, Rate);
    }
}
