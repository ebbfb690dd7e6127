using System.Numerics;
using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>
/// AdaDelta, as DeZero: msg ← ρ·msg + (1−ρ)·g²; dx = √((msdx + eps)/(msg + eps))·g;
/// msdx ← ρ·msdx + (1−ρ)·dx²; p ← p − dx.
/// </summary>
public sealed class AdaDelta(double rho = 0.95, double eps = 1e-6) : Optimizer
{
    public double Rho { get; } = rho;
    public double Eps { get; } = eps;

    protected override void UpdateOne(Parameter parameter, Tensor gradient)
    {
        var s = State(parameter, 2);
        if (parameter.DType == DType.Float32)
            Step(parameter.Data.Span<float>(), gradient.Span<float>(), s[0].Span<float>(), s[1].Span<float>(), (float)Rho, (float)Eps);
        else
            Step(parameter.Data.Span<double>(), gradient.Span<double>(), s[0].Span<double>(), s[1].Span<double>(), Rho, Eps);
    }

    private static void Step<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> msg, Span<T> msdx, T rho, T eps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < p.Length; i++)
        {
            msg[i] = rho * msg[i] + (T.One - rho) * g[i] * g[i];
            var dx = T.Sqrt((msdx[i] + eps) / (msg[i] + eps)) * g[i];
            msdx[i] = rho * msdx[i] + (T.One - rho) * dx * dx;
            p[i] -= dx;
        }
    }
}
