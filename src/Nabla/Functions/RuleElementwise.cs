using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// An elementwise function of <see cref="ElementwiseRules"/>: its forward kernel and its slope are its rule's, so the
/// class itself states nothing but which rule it is (and, where one exists, its fused backward kernel).
/// </summary>
public abstract class RuleElementwise : UnaryElementwise
{
    private protected RuleElementwise(ElementwiseRule rule) => Rule = rule;

    /// <summary>The rule this function computes.</summary>
    public ElementwiseRule Rule { get; }

    /// <inheritdoc/>
    protected internal sealed override Tensor[] Forward(Tensor[] xs) => [Rule.Apply(xs[0])];

    /// <inheritdoc/>
    protected sealed override Variable Slope(Variable x, Variable y) => Rule.SlopeOn(x, y);
}
