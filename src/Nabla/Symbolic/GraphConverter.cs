using System.Runtime.CompilerServices;
using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;

namespace Nabla.Symbolic;

/// <summary>
/// Between programs and formulas: a recorded graph of scalar operations becomes an expression, and an
/// expression becomes a function on Variables built from F.* operations, so that symbolic, forward and
/// reverse differentiation can be compared on one formula.
/// </summary>
internal static class GraphConverter
{
    private static readonly string Supported = "Add, Sub, Mul, Div, Neg, Pow, " + string.Join(", ", ElementwiseRules.All.Select(r => r.FunctionType.Name));

    public static Expr FromGraph(Variable y, Variable[] inputs)
    {
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(inputs);
        var names = new Dictionary<Variable, Expr>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < inputs.Length; i++)
        {
            var x = inputs[i] ?? throw new ArgumentNullException(nameof(inputs), $"FromGraph: input {i} is null");
            names[x] = Expr.Var(x.Name ?? (inputs.Length == 1 ? "x" : $"x{i}"));
        }
        var memo = new Dictionary<Variable, Expr>(ReferenceEqualityComparer.Instance);
        Expr Convert(Variable v)
        {
            if (names.TryGetValue(v, out var leaf)) return leaf;
            if (memo.TryGetValue(v, out var done)) return done;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var e = v.Creator is null ? Leaf(v) : Node(v.Creator, v.Creator.Inputs.Select(Convert).ToArray());
            memo[v] = e;
            return e;
        }
        return Convert(y);
    }

    /// <summary>A named leaf is a variable; an unnamed one is a constant, which must hold one number.</summary>
    private static Expr Leaf(Variable v)
    {
        if (v.Name is not null) return Expr.Var(v.Name);
        if (v.Size != 1)
            throw new ArgumentException($"FromGraph: an unnamed leaf of shape ({string.Join(",", v.Shape)}) is neither an input nor a scalar constant; name it or pass it as an input");
        var value = v.Data.Reshape(-1).GetDouble(0);
        if (!double.IsFinite(value))
            throw new ArgumentException($"FromGraph: the constant {value} is not a finite number");
        return Expr.Num(value);
    }

    private static Expr Node(Function f, Expr[] a) => f switch
    {
        Add => Expr.Add(a[0], a[1]),
        Sub => Expr.Sub(a[0], a[1]),
        Mul => Expr.Mul(a[0], a[1]),
        Div => Expr.Div(a[0], a[1]),
        Neg => Expr.Neg(a[0]),
        Functions.Pow p => Expr.Pow(a[0], Expr.Num(p.Exponent)),
        _ when ElementwiseRules.Of(f) is { } rule => Expr.Call(Expr.FunctionKind(rule.Name), a[0]),
        _ => throw new NotSupportedException($"FromGraph: function {f.Name} has no symbolic form (supported: {Supported})"),
    };

    /// <summary>The expression as a program on Variables; numbers become constants of the first input's float dtype.</summary>
    public static Func<Variable[], Variable> ToFunction(Expr e, IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var missing = e.Variables().Except(variables, StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"ToFunction: the expression uses variable '{missing[0]}', which is not among the parameters ({string.Join(", ", variables)})");
        var order = variables.ToArray();
        return xs =>
        {
            ArgumentNullException.ThrowIfNull(xs);
            if (xs.Length != order.Length)
                throw new ArgumentException($"ToFunction: the function takes {order.Length} variables ({string.Join(", ", order)}), got {xs.Length}");
            var bound = new Dictionary<string, Variable>(StringComparer.Ordinal);
            for (int i = 0; i < order.Length; i++) bound[order[i]] = xs[i] ?? throw new ArgumentNullException(nameof(xs), $"ToFunction: variable {order[i]} is null");
            var dtype = order.Length == 0 ? DType.Float64 : xs[0].DType.ToFloat();
            return new Builder(bound, dtype).Build(e);
        };
    }

    /// <summary>Builds one call's graph; a shared sub-expression becomes one shared Variable.</summary>
    private sealed class Builder(Dictionary<string, Variable> bound, DType dtype)
    {
        private readonly Dictionary<Expr, Variable> memo = new(ReferenceEqualityComparer.Instance);

        public Variable Build(Expr e)
        {
            if (memo.TryGetValue(e, out var done)) return done;
            RuntimeHelpers.EnsureSufficientExecutionStack();
            var v = e.Kind switch
            {
                ExprKind.Number => Constant(e.Value),
                ExprKind.Variable => bound[e.Name],
                ExprKind.Add => F.Add(Build(e.Arg0), Build(e.Arg1)),
                ExprKind.Subtract => F.Sub(Build(e.Arg0), Build(e.Arg1)),
                ExprKind.Multiply => F.Mul(Build(e.Arg0), Build(e.Arg1)),
                ExprKind.Divide => F.Div(Build(e.Arg0), Build(e.Arg1)),
                ExprKind.Negate => F.Neg(Build(e.Arg0)),
                ExprKind.Power => Power(e.Arg0, e.Arg1),
                // sign is piecewise constant: a constant of the argument's signs, with no gradient (as in Abs's backward)
                ExprKind.Sign => new Variable(Build(e.Arg0).Data.Sign()),
                _ when ElementwiseRules.ByName(Expr.FunctionName(e.Kind)) is { } rule => rule.Call(Build(e.Arg0)),
                _ => throw new InvalidOperationException($"ToFunction: no operation for {e.Kind}"),
            };
            memo[e] = v;
            return v;
        }

        /// <summary>u^c with a constant exponent is F.Pow; otherwise u^v = exp(v·log u).</summary>
        private Variable Power(Expr u, Expr v)
        {
            if (v.Variables().Count == 0) return F.Pow(Build(u), v.Evaluate());
            return F.Exp(F.Mul(Build(v), F.Log(Build(u))));
        }

        private Variable Constant(double value) => new(Tensor.Scalar(value, dtype));
    }
}
