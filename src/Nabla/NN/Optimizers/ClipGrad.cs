using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>Scales all gradients together so that their global L2 norm is at most <see cref="MaxNorm"/>, as DeZero's ClipGrad.</summary>
public sealed class ClipGrad : IOptimizerHook
{
    /// <param name="maxNorm">The largest global L2 norm allowed, positive.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not positive.</exception>
    public ClipGrad(double maxNorm)
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "ClipGrad: the maximum norm must be positive");
        MaxNorm = maxNorm;
    }

    /// <summary>The largest global L2 norm the gradients may have.</summary>
    public double MaxNorm { get; }

    /// <inheritdoc/>
    public void Apply(IReadOnlyList<GradientEntry> entries)
    {
        double total = 0;
        foreach (var e in entries)
            if (!e.Frozen) total += e.Gradient.SumOfSquares();
        double rate = MaxNorm / (Math.Sqrt(total) + 1e-6);
        if (rate >= 1) return;
        foreach (var e in entries) e.Gradient.ScaleInPlace(rate);
    }
}
