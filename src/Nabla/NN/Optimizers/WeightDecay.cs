using System.Numerics;
using System.Runtime.Intrinsics;
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

    /// <summary>g += rate·p, in vectors as wide as <see cref="Simd.Level"/> allows: the same two roundings per element at every width.</summary>
    internal static void Decay<T>(Span<T> g, ReadOnlySpan<T> p, T rate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var level = Simd.Level;
        int i = 0, n = g.Length;
        if (level >= SimdLevel.Vector512 && Vector512.IsHardwareAccelerated)
            for (var r = Vector512.Create(rate); i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
                (Vector512.Create<T>(g.Slice(i)) + r * Vector512.Create<T>(p.Slice(i))).CopyTo(g.Slice(i));
        if (level >= SimdLevel.Vector256 && Vector256.IsHardwareAccelerated)
            for (var r = Vector256.Create(rate); i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
                (Vector256.Create<T>(g.Slice(i)) + r * Vector256.Create<T>(p.Slice(i))).CopyTo(g.Slice(i));
        if (level >= SimdLevel.Portable && Vector.IsHardwareAccelerated)
            for (var r = new Vector<T>(rate); i <= n - Vector<T>.Count; i += Vector<T>.Count)
                (new Vector<T>(g.Slice(i)) + r * new Vector<T>(p.Slice(i))).CopyTo(g.Slice(i));
        for (; i < n; i++) g[i] += rate * p[i];
    }
}
