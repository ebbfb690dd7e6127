using System.Numerics;
using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>SGD with momentum, as DeZero: v ← momentum·v − lr·g; p ← p + v.</summary>
public sealed class MomentumSGD(double lr = 0.01, double momentum = 0.9) : Optimizer
{
    public double LearningRate { get; set; } = lr;
    public double Momentum { get; set; } = momentum;

    protected override void UpdateOne(Parameter parameter, Tensor gradient)
    {
        var v = State(parameter, 1)[0];
        if (parameter.DType == DType.Float32)
            Step(parameter.Data.Span<float>(), gradient.Span<float>(), v.Span<float>(), (float)LearningRate, (float)Momentum);
        else
            Step(parameter.Data.Span<double>(), gradient.Span<double>(), v.Span<double>(), LearningRate, Momentum);
    }

    private static void Step<T>(Span<T> p, ReadOnlySpan<T> g, Span<T> v, T lr, T momentum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < p.Length; i++)
        {
            v[i] = momentum * v[i] - lr * g[i];
            p[i] += v[i];
        }
    }
}
