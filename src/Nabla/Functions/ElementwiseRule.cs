using Nabla.Autodiff;

namespace Nabla.Functions;

/// <summary>
/// One elementwise function of one input as the whole library knows it: the name formulas use, the
/// <see cref="Function"/> that computes it, and its derivative as a <see cref="SlopeFormula"/> in x and y = f(x).
/// The Function's backward and forward-mode rules, <c>Nabla.Symbolic</c>'s differentiator and the conversion between
/// graphs and formulas all read the rule, so each derivative is written once (<see cref="ElementwiseRules"/>).
/// </summary>
public sealed class ElementwiseRule
{
    private readonly Func<UnaryElementwise> create;

    internal ElementwiseRule(string name, Type function, Func<UnaryElementwise> create, Func<SlopeFormula> slope)
    {
        Name = name;
        FunctionType = function;
        this.create = create;
        // Lazy, because a slope may call another rule (sin's is cos) that is declared after it.
        this.slope = new Lazy<SlopeFormula>(slope);
    }

    private readonly Lazy<SlopeFormula> slope;

    /// <summary>The function's name in formulas ("tanh").</summary>
    public string Name { get; }

    /// <summary>The <see cref="Function"/> class that computes it.</summary>
    public Type FunctionType { get; }

    /// <summary>f'(x) in terms of x and y = f(x).</summary>
    public SlopeFormula Slope => slope.Value;

    /// <summary>f'(x) on Variables, differentiable again: what the Function's backward and forward-mode rules use.</summary>
    internal Variable SlopeOn(Variable x, Variable y) => Slope.Evaluate(VariableAlgebra.Instance, x, y);

    /// <summary>f applied to <paramref name="x"/>, recorded in the graph.</summary>
    public Variable Call(Variable x) => create().Call(x);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: d/dx = {Slope}";
}
