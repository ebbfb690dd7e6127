using System.Numerics;
using System.Runtime.Intrinsics;
using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.NN.Optimizers;

/// <summary>
/// Adam with PyTorch's formula: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
/// p ← p − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + eps). Weight decay is the <see cref="WeightDecay"/> hook.
/// </summary>
public sealed class Adam(double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) : Optimizer
{
    public double LearningRate { get; set; } = lr;
    public double Beta1 { get; } = beta1;
    public double Beta2 { get; } = beta2;
    public double Eps { get; } = eps;

    protected override void UpdateOne(Parameter parameter, Tensor gradient)
    {
        var s = State(parameter, 2);
        double fix1 = 1 - Math.Pow(Beta1, Steps), fix2 = 1 - Math.Pow(Beta2, Steps);
        var (stepSize, denomScale) = (LearningRate / fix1, 1 / Math.Sqrt(fix2));
        var (p, g, m, v) = (parameter.Data, gradient, s[0], s[1]);
        int pieces = Chunks.Count(p.Size);
        if (pieces == 1) Range(p, g, m, v, stepSize, denomScale, 0, p.Size);
        else Chunks.For(p.Size, pieces, (start, length) => Range(p, g, m, v, stepSize, denomScale, start, length));
    }

    private void Range(Tensor p, Tensor g, Tensor m, Tensor v, double stepSize, double denomScale, int start, int length)
    {
        var level = Simd.Level;
        if (p.DType == DType.Float32)
            Step(p.Span<float>().Slice(start, length), g.Span<float>().Slice(start, length), m.Span<float>().Slice(start, length),
                v.Span<float>().Slice(start, length), (float)Beta1, (float)Beta2, (float)stepSize, (float)denomScale, (float)Eps, level);
        else
            Step(p.Span<double>().Slice(start, length), g.Span<double>().Slice(start, length), m.Span<double>().Slice(start, length),
                v.Span<double>().Slice(start, length), Beta1, Beta2, stepSize, denomScale, Eps, level);
    }

    /// <summary>
    /// The update of each element, in vectors as wide as <paramref name="level"/> allows and then one by one. Every
    /// width does the same operations in the same order (no fused multiply-add), so the results do not depend on it.
    /// </summary>
    internal static void Step<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T beta1, T beta2, T stepSize, T denomScale, T eps, SimdLevel level)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T c1 = T.One - beta1, c2 = T.One - beta2;
        int i = 0, n = p.Length;
        if (level >= SimdLevel.Vector512 && Vector512.IsHardwareAccelerated)
        {
            var (b1, b2, k1, k2, ss, ds, e) = (Vector512.Create(beta1), Vector512.Create(beta2), Vector512.Create(c1), Vector512.Create(c2),
                Vector512.Create(stepSize), Vector512.Create(denomScale), Vector512.Create(eps));
            for (; i <= n - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                var gi = Vector512.Create<T>(g.Slice(i));
                var mi = b1 * Vector512.Create<T>(m.Slice(i)) + k1 * gi;
                var vi = b2 * Vector512.Create<T>(v.Slice(i)) + k2 * gi * gi;
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
                (Vector512.Create<T>(p.Slice(i)) - ss * mi / (Vector512.Sqrt(vi) * ds + e)).CopyTo(p.Slice(i));
            }
        }
        if (level >= SimdLevel.Vector256 && Vector256.IsHardwareAccelerated)
        {
            var (b1, b2, k1, k2, ss, ds, e) = (Vector256.Create(beta1), Vector256.Create(beta2), Vector256.Create(c1), Vector256.Create(c2),
                Vector256.Create(stepSize), Vector256.Create(denomScale), Vector256.Create(eps));
            for (; i <= n - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                var gi = Vector256.Create<T>(g.Slice(i));
                var mi = b1 * Vector256.Create<T>(m.Slice(i)) + k1 * gi;
                var vi = b2 * Vector256.Create<T>(v.Slice(i)) + k2 * gi * gi;
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
                (Vector256.Create<T>(p.Slice(i)) - ss * mi / (Vector256.Sqrt(vi) * ds + e)).CopyTo(p.Slice(i));
            }
        }
        if (level >= SimdLevel.Portable && Vector.IsHardwareAccelerated)
        {
            var (b1, b2, k1, k2, ss, ds, e) = (new Vector<T>(beta1), new Vector<T>(beta2), new Vector<T>(c1), new Vector<T>(c2),
                new Vector<T>(stepSize), new Vector<T>(denomScale), new Vector<T>(eps));
            for (; i <= n - Vector<T>.Count; i += Vector<T>.Count)
            {
                var gi = new Vector<T>(g.Slice(i));
                var mi = b1 * new Vector<T>(m.Slice(i)) + k1 * gi;
                var vi = b2 * new Vector<T>(v.Slice(i)) + k2 * gi * gi;
                mi.CopyTo(m.Slice(i));
                vi.CopyTo(v.Slice(i));
                (new Vector<T>(p.Slice(i)) - ss * mi / (Vector.SquareRoot(vi) * ds + e)).CopyTo(p.Slice(i));
            }
        }
        for (; i < n; i++)
        {
            m[i] = beta1 * m[i] + c1 * g[i];
            v[i] = beta2 * v[i] + c2 * g[i] * g[i];
            p[i] -= stepSize * m[i] / (T.Sqrt(v[i]) * denomScale + eps);
        }
    }
}
