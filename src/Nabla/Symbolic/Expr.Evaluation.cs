using System.Runtime.CompilerServices;

namespace Nabla.Symbolic;

public sealed partial class Expr
{
    /// <summary>
    /// The value for the given variable values. Arithmetic follows IEEE 754: 1/0 is ∞, 0/0 and log(−1) are NaN.
    /// </summary>
    /// <exception cref="ArgumentException">A variable of the expression has no value in <paramref name="bindings"/>.</exception>
    public double Evaluate(IReadOnlyDictionary<string, double> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var memo = new Dictionary<Expr, double>(ReferenceEqualityComparer.Instance);
        double Eval(Expr e)
        {
            if (memo.TryGetValue(e, out var v)) return v;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            v = e.Kind switch
            {
                ExprKind.Number => e.Value,
                ExprKind.Variable => bindings.TryGetValue(e.Name, out var b) ? b : throw Unbound(e.Name, bindings),
                ExprKind.Add => Eval(e.Arg0) + Eval(e.Arg1),
                ExprKind.Subtract => Eval(e.Arg0) - Eval(e.Arg1),
                ExprKind.Multiply => Eval(e.Arg0) * Eval(e.Arg1),
                ExprKind.Divide => Eval(e.Arg0) / Eval(e.Arg1),
                ExprKind.Power => Math.Pow(Eval(e.Arg0), Eval(e.Arg1)),
                ExprKind.Negate => -Eval(e.Arg0),
                _ => ScalarMath.Apply(e.Kind, Eval(e.Arg0)),
            };
            memo[e] = v;
            return v;
        }
        return Eval(this);
    }

    /// <summary>The value for variable values given as pairs: <c>e.Evaluate(("x", 1.5), ("y", 2))</c>.</summary>
    public double Evaluate(params (string Name, double Value)[] bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var map = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, value) in bindings)
            if (!map.TryAdd(name, value))
                throw new ArgumentException($"Evaluate: variable '{name}' is given twice", nameof(bindings));
        return Evaluate(map);
    }

    private static ArgumentException Unbound(string name, IReadOnlyDictionary<string, double> bindings)
    {
        var given = bindings.Count == 0 ? "no variables are given" : "given: " + string.Join(", ", bindings.Keys.Order(StringComparer.Ordinal));
        return new ArgumentException($"Evaluate: variable '{name}' has no value ({given})", nameof(bindings));
    }

    /// <summary>
    /// A fast delegate of one variable, compiled through System.Linq.Expressions; common sub-expressions are
    /// computed once. Every variable of the expression must be <paramref name="variable"/>.
    /// </summary>
    public Func<double, double> Compile(string variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        return ExprCompiler.Scalar(this, variable);
    }

    /// <summary>A fast delegate taking the values of <paramref name="variables"/>, in that order, as an array.</summary>
    public Func<double[], double> Compile(IReadOnlyList<string> variables) => ExprCompiler.Single(this, variables, "Compile");

    /// <summary>
    /// A delegate that returns the gradient (the partial derivative for each of <paramref name="variables"/>,
    /// in that order) at once, sharing the sub-expressions the partial derivatives have in common.
    /// </summary>
    public Func<double[], double[]> CompileGradient(IReadOnlyList<string> variables) =>
        ExprCompiler.Many(Gradient(variables), variables, "CompileGradient");

    /// <summary>One delegate for several expressions over the same variables, sharing their common sub-expressions.</summary>
    public static Func<double[], double[]> Compile(IReadOnlyList<Expr> outputs, IReadOnlyList<string> variables) =>
        ExprCompiler.Many(outputs, variables, "Compile");
}
