using System.Numerics;
using System.Runtime.CompilerServices;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// The optimizers' update rules as in-place kernels over contiguous spans (moved here from the optimizers so that
/// they reach parameters through <see cref="Tensor"/> only). Each rule is the formula in its optimizer's summary,
/// the operations in the order written there, written once as a <see cref="ILaneRule{T}"/> that
/// <see cref="LaneLoop"/> runs in vectors as wide as <see cref="Simd.Level"/> allows: every width does the same
/// operations in the same order (no fused multiply-add), so the results do not depend on it.
/// </summary>
internal static class Updates
{
    /// <summary>p ← p − lr·g.</summary>
    public static void Sgd<T>(Span<T> p, ReadOnlySpan<T> g, T lr) where T : unmanaged, IFloatingPointIeee754<T> =>
        LaneLoop.Run<T, SgdRule<T>>(new(p, g, lr), Simd.Level);

    /// <summary>v ← momentum·v − lr·g; p ← p + v.</summary>
    public static void Momentum<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> v, T lr, T momentum) where T : unmanaged, IFloatingPointIeee754<T> =>
        LaneLoop.Run<T, MomentumRule<T>>(new(p, g, v, lr, momentum), Simd.Level);

    /// <summary>h ← h + g²; p ← p − lr·g / (√h + eps).</summary>
    public static void AdaGrad<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> h, T lr, T eps) where T : unmanaged, IFloatingPointIeee754<T> =>
        LaneLoop.Run<T, AdaGradRule<T>>(new(p, g, h, lr, eps), Simd.Level);

    /// <summary>msg ← ρ·msg + (1−ρ)·g²; dx = √((msdx + eps)/(msg + eps))·g; msdx ← ρ·msdx + (1−ρ)·dx²; p ← p − dx.</summary>
    public static void AdaDelta<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> msg, Span<T> msdx, T rho, T eps) where T : unmanaged, IFloatingPointIeee754<T> =>
        LaneLoop.Run<T, AdaDeltaRule<T>>(new(p, g, msg, msdx, rho, eps), Simd.Level);

    /// <summary>
    /// m ← β₁·m + (1−β₁)·g; v ← β₂·v + (1−β₂)·g²; p ← p − stepSize·m / (√v·denomScale + eps), at
    /// <paramref name="level"/> (read once by the caller, so that the threads of one step cannot mix levels).
    /// </summary>
    public static void Adam<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T beta1, T beta2, T stepSize, T denomScale, T eps, SimdLevel level)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        LaneLoop.Run<T, AdamRule<T>>(new(p, g, m, v, beta1, beta2, stepSize, denomScale, eps), level);

    /// <summary>g ← g·rate.</summary>
    public static void Scale<T>(Span<T> g, T rate) where T : unmanaged, IFloatingPointIeee754<T> =>
        LaneLoop.Run<T, ScaleRule<T>>(new(g, rate), Simd.Level);

    /// <summary>g ← g + rate·p (weight decay).</summary>
    public static void AddScaled<T>(Span<T> g, ReadOnlySpan<T> p, T rate) where T : unmanaged, IFloatingPointIeee754<T> =>
        LaneLoop.Run<T, AddScaledRule<T>>(new(g, p, rate), Simd.Level);

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

    /// <summary>Throws unless every span is at least as long as the parameter (a vector load must not run past one).</summary>
    private static int Checked(string op, int length, params ReadOnlySpan<int> others)
    {
        foreach (int other in others)
            if (other < length) throw new ArgumentException($"{op}: a state or gradient has {other} elements, the parameter {length}");
        return length;
    }

    private readonly ref struct SgdRule<T>(Span<T> p, ReadOnlySpan<T> g, T lr) : ILaneRule<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Span<T> p = p;
        private readonly ReadOnlySpan<T> g = g;

        public int Length { get; } = Checked("Sgd", p.Length, g.Length);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TL>(int i) where TL : struct, ILanes<TL, T> =>
            TL.Store(TL.Load(p, i) - TL.Create(lr) * TL.Load(g, i), p, i);
    }

    private readonly ref struct MomentumRule<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> v, T lr, T momentum) : ILaneRule<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Span<T> p = p, v = v;
        private readonly ReadOnlySpan<T> g = g;

        public int Length { get; } = Checked("Momentum", p.Length, g.Length, v.Length);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TL>(int i) where TL : struct, ILanes<TL, T>
        {
            var vi = TL.Create(momentum) * TL.Load(v, i) - TL.Create(lr) * TL.Load(g, i);
            TL.Store(vi, v, i);
            TL.Store(TL.Load(p, i) + vi, p, i);
        }
    }

    private readonly ref struct AdaGradRule<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> h, T lr, T eps) : ILaneRule<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Span<T> p = p, h = h;
        private readonly ReadOnlySpan<T> g = g;

        public int Length { get; } = Checked("AdaGrad", p.Length, g.Length, h.Length);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TL>(int i) where TL : struct, ILanes<TL, T>
        {
            var gi = TL.Load(g, i);
            var hi = TL.Load(h, i) + gi * gi;
            TL.Store(hi, h, i);
            TL.Store(TL.Load(p, i) - TL.Create(lr) * gi / (TL.Sqrt(hi) + TL.Create(eps)), p, i);
        }
    }

    private readonly ref struct AdaDeltaRule<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> msg, Span<T> msdx, T rho, T eps) : ILaneRule<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Span<T> p = p, msg = msg, msdx = msdx;
        private readonly ReadOnlySpan<T> g = g;
        private readonly T keep = T.One - rho;

        public int Length { get; } = Checked("AdaDelta", p.Length, g.Length, msg.Length, msdx.Length);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TL>(int i) where TL : struct, ILanes<TL, T>
        {
            var (r, k, e, gi) = (TL.Create(rho), TL.Create(keep), TL.Create(eps), TL.Load(g, i));
            var msgi = r * TL.Load(msg, i) + k * gi * gi;
            var msdxi = TL.Load(msdx, i);
            var dx = TL.Sqrt((msdxi + e) / (msgi + e)) * gi;
            TL.Store(msgi, msg, i);
            TL.Store(r * msdxi + k * dx * dx, msdx, i);
            TL.Store(TL.Load(p, i) - dx, p, i);
        }
    }

    private readonly ref struct AdamRule<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> m, Span<T> v, T beta1, T beta2, T stepSize, T denomScale, T eps)
        : ILaneRule<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Span<T> p = p, m = m, v = v;
        private readonly ReadOnlySpan<T> g = g;
        private readonly T c1 = T.One - beta1, c2 = T.One - beta2;

        public int Length { get; } = Checked("Adam", p.Length, g.Length, m.Length, v.Length);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TL>(int i) where TL : struct, ILanes<TL, T>
        {
            var gi = TL.Load(g, i);
            var mi = TL.Create(beta1) * TL.Load(m, i) + TL.Create(c1) * gi;
            var vi = TL.Create(beta2) * TL.Load(v, i) + TL.Create(c2) * gi * gi;
            TL.Store(mi, m, i);
            TL.Store(vi, v, i);
            TL.Store(TL.Load(p, i) - TL.Create(stepSize) * mi / (TL.Sqrt(vi) * TL.Create(denomScale) + TL.Create(eps)), p, i);
        }
    }

    private readonly ref struct ScaleRule<T>(Span<T> g, T rate) : ILaneRule<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Span<T> g = g;

        public int Length => g.Length;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TL>(int i) where TL : struct, ILanes<TL, T> => TL.Store(TL.Load(g, i) * TL.Create(rate), g, i);
    }

    private readonly ref struct AddScaledRule<T>(Span<T> g, ReadOnlySpan<T> p, T rate) : ILaneRule<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Span<T> g = g;
        private readonly ReadOnlySpan<T> p = p;

        public int Length { get; } = Checked("AddScaled", g.Length, p.Length);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Apply<TL>(int i) where TL : struct, ILanes<TL, T> => TL.Store(TL.Load(g, i) + TL.Create(rate) * TL.Load(p, i), g, i);
    }
}
