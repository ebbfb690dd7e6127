using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// One elementwise function of one input as the whole library knows it: the name formulas use, the
/// <see cref="Function"/> class, its kernels on tensors and on doubles, and its derivative as a
/// <see cref="SlopeFormula"/> in x and y = f(x). The Function's forward, backward and forward-mode rules,
/// <c>Nabla.Symbolic</c>'s evaluator, compiler and differentiator and the conversion between graphs and formulas all
/// read the rule, so each function and its derivative are written once (<see cref="ElementwiseRules"/>).
/// </summary>
public sealed class ElementwiseRule
{
    private readonly Func<UnaryElementwise> create;
    private readonly Func<Tensor, Tensor> kernel;

    internal ElementwiseRule(string name, Type function, Func<UnaryElementwise> create, Func<Tensor, Tensor> kernel,
        Func<double, double> scalar, Func<SlopeFormula> slope)
    {
        Name = name;
        FunctionType = function;
        this.create = create;
        this.kernel = kernel;
        ScalarKernel = scalar;
        // Lazy, because a slope may call another rule (sin's is cos) that is declared after it.
        this.slope = new Lazy<SlopeFormula>(slope);
    }

    private readonly Lazy<SlopeFormula> slope;

    /// <summary>The function's name in formulas ("tanh").</summary>
    public string Name { get; }

    /// <summary>The <see cref="Function"/> class that computes it.</summary>
    public Type FunctionType { get; }

    /// <summary>f on doubles, as the tensor kernel computes each element (what formulas evaluate and compile to).</summary>
    internal Func<double, double> ScalarKernel { get; }

    /// <summary>f of each element of <paramref name="x"/>, without a graph.</summary>
    public Tensor Apply(Tensor x) => kernel(x);

    /// <summary>f(<paramref name="x"/>).</summary>
    public double Apply(double x) => ScalarKernel(x);

    /// <summary>f'(x) in terms of x and y = f(x).</summary>
    public SlopeFormula Slope => slope.Value;

    /// <summary>f'(x) on Variables, differentiable again: what the Function's backward and forward-mode rules use.</summary>
    internal Variable SlopeOn(Variable x, Variable y) => Slope.Evaluate(VariableAlgebra.Instance, x, y);

    /// <summary>f applied to <paramref name="x"/>, recorded in the graph.</summary>
    public Variable Call(Variable x) => create().Call(x);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: d/dx = {Slope}";
}
