using System.Runtime.CompilerServices;

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

    /// <summary>f'(u) for each function f.</summary>
    private Expr Outer(ExprKind f, Expr u) => f switch
    {
        ExprKind.Exp => Call(ExprKind.Exp, u),
        ExprKind.Log => Div(Num(1), u),
        ExprKind.Sqrt => Div(Num(1), Mul(Num(2), Call(ExprKind.Sqrt, u))),
        ExprKind.Sin => Call(ExprKind.Cos, u),
        ExprKind.Cos => Neg(Call(ExprKind.Sin, u)),
        ExprKind.Tan => Add(Num(1), Pow(Call(ExprKind.Tan, u), Num(2))),
        ExprKind.Tanh => Sub(Num(1), Pow(Call(ExprKind.Tanh, u), Num(2))),
        ExprKind.Sigmoid => Mul(Call(ExprKind.Sigmoid, u), Sub(Num(1), Call(ExprKind.Sigmoid, u))),
        ExprKind.Abs => Call(ExprKind.Sign, u),
        ExprKind.Sign => Num(0),
        _ => throw new InvalidOperationException($"Derive: no rule for {f}"),
    };

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
