using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>AdaGrad, as DeZero: h ← h + g²; p ← p − lr·g / (√h + eps).</summary>
public sealed class AdaGrad(double lr = 0.001, double eps = 1e-8) : Optimizer
{
    public double LearningRate { get; set; } = lr;
    public double Eps { get; } = eps;

    protected override void UpdateOne(Parameter parameter, Tensor gradient) =>
        Tensor.AdaGradStep(parameter.Data, gradient, State(parameter, 1)[0], LearningRate, Eps);
}
