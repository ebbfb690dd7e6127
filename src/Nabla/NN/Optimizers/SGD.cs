using System.Numerics;
using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>Stochastic gradient descent: p ← p − lr·g.</summary>
public sealed class SGD(double lr = 0.01) : Optimizer
{
    public double LearningRate { get; set; } = lr;

    protected override void UpdateOne(Parameter parameter, Tensor gradient)
    {
        if (parameter.DType == DType.Float32) Step(parameter.Data.Span<float>(), gradient.Span<float>(), (float)LearningRate);
        else Step(parameter.Data.Span<double>(), gradient.Span<double>(), LearningRate);
    }

    private static void Step<T>(Span<T> p, ReadOnlySpan<T> g, T lr) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < p.Length; i++) p[i] -= lr * g[i];
    }
}
