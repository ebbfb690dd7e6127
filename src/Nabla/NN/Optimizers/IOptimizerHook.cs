namespace Nabla.NN.Optimizers;

/// <summary>Runs before every update on the gradients about to be applied (weight decay, clipping, freezing).</summary>
public interface IOptimizerHook
{
    void Apply(IReadOnlyList<GradientEntry> entries);
}
