using System.Numerics;
using System.Runtime.Intrinsics;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// The optimizers' update rules as in-place kernels over contiguous spans (moved here from the optimizers so that
/// they reach parameters through <see cref="Tensor"/> only). Each rule is the formula in its optimizer's summary,
/// the operations in the order written there.
/// </summary>
internal static class Updates
{
    /// <summary>p ← p − lr·g.</summary>
    public static void Sgd<T>(Span<T> p, ReadOnlySpan<T> g, T lr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < p.Length; i++) p[i] -= lr * g[i];
    }

    /// <summary>v ← momentum·v − lr·g; p ← p + v.</summary>
    public static void Momentum<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> v, T lr, T momentum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < p.Length; i++)
        {
            v[i] = momentum * v[i] - lr * g[i];
            p[i] += v[i];
        }
    }

    /// <summary>h ← h + g²; p ← p − lr·g / (√h + eps).</summary>
    public static void AdaGrad<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> h, T lr, T eps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < p.Length; i++)
        {
            h[i] += g[i] * g[i];
            p[i] -= lr * g[i] / (T.Sqrt(h[i]) + eps);
        }
    }

    /// <summary>msg ← ρ·msg + (1−ρ)·g²; dx = √((msdx + eps)/(msg + eps))·g; msdx ← ρ·msdx + (1−ρ)·dx²; p ← p − dx.</summary>
    public static void AdaDelta<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> msg, Span<T> msdx, T rho, T eps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < p.Length; i++)
        {
            msg[i] = rho * msg[i] + (T.One - rho) * g[i] * g[i];
            var dx = T.Sqrt((msdx[i] + eps) / (msg[i] + eps)) * g[i];
            msdx[i] = rho * msdx[i] + (T.One - rho) * dx * dx;
            p[i] -= dx;
        }
    }

    /// <summary>g ← g·rate.</summary>
    public static void Scale<T>(Span<T> g, T rate) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < g.Length; i++) g[i] *= rate;
    }

    /// <summary>Σ g², each square and the sum in double.</summary>
    public static double SumOfSquares(ReadOnlySpan<float> g)
    {
        double sum = 0;
        foreach (var v in g) sum += (double)v * v;
        return sum;
    }

    /// <summary>Σ g².</summary>
    public static double SumOfSquares(ReadOnlySpan<double> g)
    {
        double sum = 0;
        foreach (var v in g) sum += v * v;
        return sum;
    }

    /// <summary>
    /// The update of each element, in vectors as wide as <paramref name="level"/> allows and then one by one. Every
    /// width does the same operations in the same order (no fused multiply-add), so the results do not depend on it.
    /// </summary>
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T beta1, T beta2, T stepSize, T denomScale, T eps, SimdLevel level)
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

    /// <summary>g += rate·p, in vectors as wide as <see cref="Simd.Level"/> allows: the same two roundings per element at every width.</summary>
    public static void AddScaled<T>(Span<T> g, ReadOnlySpan<T> p, T rate) where T : unmanaged, IFloatingPointIeee754<T>
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
