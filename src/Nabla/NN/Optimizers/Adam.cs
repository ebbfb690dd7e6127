using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>
/// Adam with PyTorch's formula: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
/// p ← p − lr·(m/(1−β1ᵗ)) / (√(v/(1−β2ᵗ)) + eps). Weight decay is the <see cref="WeightDecay"/> hook.
/// </summary>
public sealed class Adam(double lr = 0.001, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) : Optimizer
{
    /// <summary>The learning rate lr (0.001 by default); may be changed between updates, e.g. by a schedule.</summary>
    public double LearningRate { get; set; } = lr;
    /// <summary>The decay β1 of the first-moment average (0.9 by default).</summary>
    public double Beta1 { get; } = beta1;
    /// <summary>The decay β2 of the second-moment average (0.999 by default).</summary>
    public double Beta2 { get; } = beta2;
    /// <summary>Added to the denominator, for stability (1e-8 by default).</summary>
    public double Eps { get; } = eps;

    /// <inheritdoc/>
    protected override void UpdateOne(Parameter parameter, Tensor gradient)
    {
        var s = State(parameter, 2);
        double fix1 = 1 - Math.Pow(Beta1, Steps), fix2 = 1 - Math.Pow(Beta2, Steps);
        var (stepSize, denomScale) = (LearningRate / fix1, 1 / Math.Sqrt(fix2));
        Tensor.AdamStep(parameter.Data, gradient, s[0], s[1], Beta1, Beta2, stepSize, denomScale, Eps);
    }
}
