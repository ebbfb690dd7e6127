using System.Runtime.CompilerServices;
using Nabla.Functions;

namespace Nabla.Symbolic;

/// <summary>
/// The textbook rules, applied literally (no simplification): sum, product, quotient, power and chain rules.
/// Results are memoised per sub-expression and interned, so a sub-expression that occurs many times is
/// differentiated once and the result shares structure instead of copying it.
/// </summary>
internal sealed class Differentiator(string variable)
{
    private readonly Interner intern = new();
    private readonly Dictionary<Expr, Expr> memo = new();

    public Expr Derive(Expr e) => D(intern.Deep(e));

    private Expr D(Expr e)
    {
        if (memo.TryGetValue(e, out var d)) return d;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        d = Rule(e);
        memo[e] = d;
        return d;
    }

    private Expr Rule(Expr e)
    {
        switch (e.Kind)
        {
            case ExprKind.Number: return Num(0);
            case ExprKind.Variable: return Num(e.Name == variable ? 1 : 0);
            case ExprKind.Add: return Add(D(e.Arg0), D(e.Arg1));
            case ExprKind.Subtract: return Sub(D(e.Arg0), D(e.Arg1));
            case ExprKind.Negate: return Neg(D(e.Arg0));
            case ExprKind.Multiply: // (uv)' = u'v + uv'
                return Add(Mul(D(e.Arg0), e.Arg1), Mul(e.Arg0, D(e.Arg1)));
            case ExprKind.Divide: // (u/v)' = (u'v − uv') / v²
                return Div(Sub(Mul(D(e.Arg0), e.Arg1), Mul(e.Arg0, D(e.Arg1))), Pow(e.Arg1, Num(2)));
            case ExprKind.Power: return PowerRule(e.Arg0, e.Arg1);
            default: return Mul(Outer(e.Kind, e.Arg0), D(e.Arg0)); // chain rule: f'(u)·u'
        }
    }

    /// <summary>(u^c)' = c·u^(c−1)·u'; (c^v)' = c^v·log(c)·v'; otherwise (u^v)' = u^v·(v'·log(u) + v·u'/u).</summary>
    private Expr PowerRule(Expr u, Expr v)
    {
        if (!Depends(v)) return Mul(Mul(v, Pow(u, Sub(v, Num(1)))), D(u));
        var power = Pow(u, v);
        if (!Depends(u)) return Mul(Mul(power, Log(u)), D(v));
        return Mul(power, Add(Mul(D(v), Log(u)), Div(Mul(v, D(u)), u)));
    }

    /// <summary>
    /// f'(u): the slope the function's <see cref="ElementwiseRule"/> declares, read as an expression with x = u and
    /// y = f(u); sign, which has no Function, is piecewise constant.
    /// </summary>
    private Expr Outer(ExprKind f, Expr u)
    {
        if (f == ExprKind.Sign) return Num(0);
        var rule = ElementwiseRules.ByName(Expr.FunctionName(f)) ?? throw new InvalidOperationException($"Derive: no rule for {f}");
        return rule.Slope.Evaluate(new Algebra(this), u, Call(f, u));
    }

    /// <summary>Slope formulas as interned expressions.</summary>
    private sealed class Algebra(Differentiator d) : ISlopeAlgebra<Expr>
    {
        public Expr Add(double c, Expr b) => d.Add(d.Num(c), b);
        public Expr Subtract(double c, Expr b) => d.Sub(d.Num(c), b);
        public Expr Multiply(double c, Expr b) => d.Mul(d.Num(c), b);
        public Expr Divide(double c, Expr b) => d.Div(d.Num(c), b);
        public Expr Multiply(Expr a, Expr b) => d.Mul(a, b);
        public Expr Negate(Expr a) => d.Neg(a);
        public Expr Square(Expr a) => d.Pow(a, d.Num(2));
        public Expr Apply(ElementwiseRule f, Expr a) => d.Call(Expr.FunctionKind(f.Name), a);
        public Expr Sign(Expr a) => d.Call(ExprKind.Sign, a);
    }

    private readonly Dictionary<Expr, bool> depends = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether the variable occurs in <paramref name="e"/> (memoised: the trees share a lot).</summary>
    private bool Depends(Expr e)
    {
        if (depends.TryGetValue(e, out var b)) return b;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        b = e.Kind == ExprKind.Variable ? e.Name == variable : e.Args.Any(Depends);
        depends[e] = b;
        return b;
    }

    private Expr Num(double v) => intern.Node(Expr.Num(v));
    private Expr Add(Expr a, Expr b) => intern.Node(Expr.Add(a, b));
    private Expr Sub(Expr a, Expr b) => intern.Node(Expr.Sub(a, b));
    private Expr Mul(Expr a, Expr b) => intern.Node(Expr.Mul(a, b));
    private Expr Div(Expr a, Expr b) => intern.Node(Expr.Div(a, b));
    private Expr Pow(Expr a, Expr b) => intern.Node(Expr.Pow(a, b));
    private Expr Neg(Expr a) => intern.Node(Expr.Neg(a));
    private Expr Log(Expr a) => intern.Node(Expr.Log(a));
    private Expr Call(ExprKind f, Expr a) => intern.Node(Expr.Call(f, a));
}
