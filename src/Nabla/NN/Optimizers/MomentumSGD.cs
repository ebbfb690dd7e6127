using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>SGD with momentum, as DeZero: v ← momentum·v − lr·g; p ← p + v.</summary>
public sealed class MomentumSGD(double lr = 0.01, double momentum = 0.9) : Optimizer
{
    /// <summary>The learning rate lr (0.01 by default); may be changed between updates.</summary>
    public double LearningRate { get; set; } = lr;
    /// <summary>The momentum factor (0.9 by default).</summary>
    public double Momentum { get; set; } = momentum;

    /// <inheritdoc/>
    protected override void UpdateOne(Parameter parameter, Tensor gradient) =>
        Tensor.MomentumStep(parameter.Data, gradient, State(parameter, 1)[0], LearningRate, Momentum);
}
