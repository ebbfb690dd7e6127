using ILGPU;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>The optimizers' update rules in place, one thread per element, with the operations in the order of <see cref="Kernels.Updates"/>.</summary>
internal static class UpdateKernels
{
    /// <summary>p ← p − lr·g.</summary>
    public static void Sgd<T, TA>(Index1D i, ArrayView<T> p, ArrayView<T> g, T lr) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        p[i] = m.Sub(p[i], m.Mul(lr, g[i]));
    }

    /// <summary>v ← momentum·v − lr·g; p ← p + v.</summary>
    public static void Momentum<T, TA>(Index1D i, ArrayView<T> p, ArrayView<T> g, ArrayView<T> v, T lr, T momentum) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        T vi = m.Sub(m.Mul(momentum, v[i]), m.Mul(lr, g[i]));
        v[i] = vi;
        p[i] = m.Add(p[i], vi);
    }

    /// <summary>h ← h + g²; p ← p − lr·g / (√h + eps).</summary>
    public static void AdaGrad<T, TA>(Index1D i, ArrayView<T> p, ArrayView<T> g, ArrayView<T> h, T lr, T eps) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        T gi = g[i], hi = m.Add(h[i], m.Mul(gi, gi));
        h[i] = hi;
        p[i] = m.Sub(p[i], m.Div(m.Mul(lr, gi), m.Add(m.Sqrt(hi), eps)));
    }

    /// <summary>msg ← ρ·msg + (1−ρ)·g²; dx = √((msdx + eps)/(msg + eps))·g; msdx ← ρ·msdx + (1−ρ)·dx²; p ← p − dx.</summary>
    public static void AdaDelta<T, TA>(Index1D i, ArrayView<T> p, ArrayView<T> g, ArrayView<T> msg, ArrayView<T> msdx, T rho, T eps)
        where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        T gi = g[i], c = m.Sub(m.FromLong(1), rho);
        T mg = m.Add(m.Mul(rho, msg[i]), m.Mul(m.Mul(c, gi), gi));
        msg[i] = mg;
        T dx = m.Mul(m.Sqrt(m.Div(m.Add(msdx[i], eps), m.Add(mg, eps))), gi);
        msdx[i] = m.Add(m.Mul(rho, msdx[i]), m.Mul(m.Mul(c, dx), dx));
        p[i] = m.Sub(p[i], dx);
    }

    /// <summary>m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − stepSize·m / (√v·denomScale + eps).</summary>
    public static void Adam<T, TA>(Index1D i, ArrayView<T> p, ArrayView<T> g, ArrayView<T> mv, ArrayView<T> vv, AdamParams<T> a)
        where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        T one = m.FromLong(1), gi = g[i];
        T mi = m.Add(m.Mul(a.Beta1, mv[i]), m.Mul(m.Sub(one, a.Beta1), gi));
        T vi = m.Add(m.Mul(a.Beta2, vv[i]), m.Mul(m.Mul(m.Sub(one, a.Beta2), gi), gi));
        mv[i] = mi;
        vv[i] = vi;
        p[i] = m.Sub(p[i], m.Div(m.Mul(a.StepSize, mi), m.Add(m.Mul(m.Sqrt(vi), a.DenomScale), a.Eps)));
    }

    /// <summary>t ← t·factor.</summary>
    public static void Scale<T, TA>(Index1D i, ArrayView<T> t, T factor) where T : unmanaged where TA : struct, IArith<T> =>
        t[i] = default(TA).Mul(t[i], factor);

    /// <summary>g ← g + rate·p.</summary>
    public static void AddScaled<T, TA>(Index1D i, ArrayView<T> g, ArrayView<T> p, T rate) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        g[i] = m.Add(g[i], m.Mul(rate, p[i]));
    }
}
