using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>SGD with momentum, as DeZero: v ← momentum·v − lr·g; p ← p + v.</summary>
public sealed class MomentumSGD(double lr = 0.01, double momentum = 0.9) : Optimizer
{
    public double LearningRate { get; set; } = lr;
    public double Momentum { get; set; } = momentum;

    protected override void UpdateOne(Parameter parameter, Tensor gradient) =>
        Tensor.MomentumStep(parameter.Data, gradient, State(parameter, 1)[0], LearningRate, Momentum);
}
