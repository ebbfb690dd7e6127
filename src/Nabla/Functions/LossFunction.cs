namespace Nabla.Functions;

/// <summary>
/// A loss computed element by element and then reduced by <see cref="Reduction"/>; <c>LossReduction</c> applies the
/// reduction to the forward values, the upstream gradient and the tangents alike.
/// </summary>
public abstract class LossFunction(Reduction reduction) : Autodiff.Function
{
    /// <summary>How the per-element losses are reduced.</summary>
    public Reduction Reduction { get; } = reduction;
}
