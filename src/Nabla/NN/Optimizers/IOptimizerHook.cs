namespace Nabla.NN.Optimizers;

/// <summary>Runs before every update on the gradients about to be applied (weight decay, clipping, freezing).</summary>
public interface IOptimizerHook
{
    /// <summary>Changes the gradients in place, or marks entries <see cref="GradientEntry.Frozen"/>, before the optimizer applies them.</summary>
    void Apply(IReadOnlyList<GradientEntry> entries);
}
