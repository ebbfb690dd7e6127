using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>AdaGrad, as DeZero: h ← h + g²; p ← p − lr·g / (√h + eps).</summary>
public sealed class AdaGrad(double lr = 0.001, double eps = 1e-8) : Optimizer
{
    /// <summary>The learning rate lr (0.001 by default); may be changed between updates.</summary>
    public double LearningRate { get; set; } = lr;
    /// <summary>Added to the denominator, for stability (1e-8 by default).</summary>
    public double Eps { get; } = eps;

    /// <inheritdoc/>
    protected override void UpdateOne(Parameter parameter, Tensor gradient) =>
        Tensor.AdaGradStep(parameter.Data, gradient, State(parameter, 1)[0], LearningRate, Eps);
}
