using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>Stochastic gradient descent: p ← p − lr·g.</summary>
public sealed class SGD(double lr = 0.01) : Optimizer
{
    /// <summary>The learning rate lr (0.01 by default); may be changed between updates.</summary>
    public double LearningRate { get; set; } = lr;

    /// <inheritdoc/>
    protected override void UpdateOne(Parameter parameter, Tensor gradient) =>
        Tensor.SgdStep(parameter.Data, gradient, LearningRate);
}
