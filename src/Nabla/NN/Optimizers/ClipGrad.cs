using System.Numerics;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>Scales all gradients together so that their global L2 norm is at most <see cref="MaxNorm"/>, as DeZero's ClipGrad.</summary>
public sealed class ClipGrad : IOptimizerHook
{
    public ClipGrad(double maxNorm)
    {
        if (!(maxNorm > 0)) throw new ArgumentOutOfRangeException(nameof(maxNorm), maxNorm, "ClipGrad: the maximum norm must be positive");
        MaxNorm = maxNorm;
    }

    public double MaxNorm { get; }

    public void Apply(IReadOnlyList<GradientEntry> entries)
    {
        double total = 0;
        foreach (var e in entries)
            if (!e.Frozen) total += SquaredNorm(e.Gradient);
        double rate = MaxNorm / (Math.Sqrt(total) + 1e-6);
        if (rate >= 1) return;
        foreach (var e in entries)
        {
            if (e.Gradient.DType == DType.Float32) Scale(e.Gradient.Span<float>(), (float)rate);
            else Scale(e.Gradient.Span<double>(), rate);
        }
    }

    private static double SquaredNorm(Tensor g)
    {
        double sum = 0;
        if (g.DType == DType.Float32) foreach (var v in g.Span<float>()) sum += (double)v * v;
        else foreach (var v in g.Span<double>()) sum += v * v;
        return sum;
    }

    private static void Scale<T>(Span<T> g, T rate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < g.Length; i++) g[i] *= rate;
    }
}
