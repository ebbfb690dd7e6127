using System.Numerics;
using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>AdaGrad, as DeZero: h ← h + g²; p ← p − lr·g / (√h + eps).</summary>
public sealed class AdaGrad(double lr = 0.001, double eps = 1e-8) : Optimizer
{
    public double LearningRate { get; set; } = lr;
    public double Eps { get; } = eps;

    protected override void UpdateOne(Parameter parameter, Tensor gradient)
    {
        var h = State(parameter, 1)[0];
        if (parameter.DType == DType.Float32)
            Step(parameter.Data.Span<float>(), gradient.Span<float>(), h.Span<float>(), (float)LearningRate, (float)Eps);
        else
            Step(parameter.Data.Span<double>(), gradient.Span<double>(), h.Span<double>(), LearningRate, Eps);
    }

    private static void Step<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> h, T lr, T eps) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < p.Length; i++)
        {
            h[i] += g[i] * g[i];
            p[i] -= lr * g[i] / (T.Sqrt(h[i]) + eps);
        }
    }
}
