using System.Runtime.CompilerServices;

namespace Nabla.Symbolic;

/// <summary>
/// Rewrites an expression into the form a person would write: constants folded, the identities
/// x+0, x·1, x·0, x^1, x^0 and −(−x) applied, like terms collected into coefficients (x + x → 2·x) and like
/// factors into powers (x·x² → x³), terms and factors in a canonical order, divisions and rational
/// coefficients written as fractions (x^2/2, 1/(2*sqrt(x))). Sums are not expanded: (x+1)·(x−1) stays a
/// product, which keeps derivatives compact. The result is a fixed point: simplifying it again changes nothing.
/// </summary>
internal sealed class Simplifier
{
    private readonly Dictionary<Expr, Expr> memo = new();
    private readonly Interner intern = new();

    public Expr Simplify(Expr e)
    {
        if (memo.TryGetValue(e, out var s)) return s;
        RuntimeHelpers.EnsureSufficientExecutionStack();
        s = e.Kind switch
        {
            ExprKind.Number or ExprKind.Variable => e,
            ExprKind.Add or ExprKind.Subtract or ExprKind.Negate => Sum(e),
            ExprKind.Multiply or ExprKind.Divide or ExprKind.Power => Product(e),
            _ => Call(e.Kind, Simplify(e.Arg0)),
        };
        s = intern.Deep(s);
        memo[e] = s;
        return s;
    }

    private Expr Sum(Expr e)
    {
        var sum = new SumBuilder(this);
        Flatten(e, 1, ExprKind.Add, ExprKind.Subtract, (t, sign) =>
        {
            if (t.Kind == ExprKind.Negate) return t.Arg0; // −u: its operand, with the sign flipped
            sum.Add(Simplify(t), sign);
            return null;
        });
        return sum.Finite ? sum.Build() : SimplifyArguments(e);
    }

    private Expr Product(Expr e)
    {
        var product = new ProductBuilder(this);
        Flatten(e, 1, ExprKind.Multiply, ExprKind.Divide, (t, sign) =>
        {
            if (t.Kind == ExprKind.Power) product.Multiply(Simplify(t.Arg0), Scale(Simplify(t.Arg1), sign));
            else product.Multiply(Simplify(t), Expr.Num(sign));
            return null;
        });
        var factors = product.Factors();
        if (!double.IsFinite(product.Coefficient)) return SimplifyArguments(e);
        return product.Coefficient == 0 ? Expr.Num(0) : BuildProduct(product.Coefficient, factors);
    }

    /// <summary>
    /// Walks a chain of an operation and its inverse (+ and −, or · and ÷), handing each other operand to
    /// <paramref name="leaf"/> with its sign (−1 under an odd number of inverses). A leaf that returns an operand
    /// instead has it walked on with the sign flipped (a negation inside a sum).
    /// </summary>
    private static void Flatten(Expr t, double sign, ExprKind op, ExprKind inverse, Func<Expr, double, Expr?> leaf)
    {
        if (t.Kind == op || t.Kind == inverse)
        {
            Flatten(t.Arg0, sign, op, inverse, leaf);
            Flatten(t.Arg1, t.Kind == op ? sign : -sign, op, inverse, leaf);
        }
        else if (leaf(t, sign) is Expr flipped) Flatten(flipped, -sign, op, inverse, leaf);
    }

    /// <summary>The same node over simplified operands: what a sum or product that overflowed falls back to.</summary>
    private Expr SimplifyArguments(Expr e) => e.With(e.Args.Select(Simplify).ToArray());

    /// <summary>A function applied to a simplified argument: exact constant folds, parity, and inverse pairs.</summary>
    private Expr Call(ExprKind f, Expr a)
    {
        if (a.Kind == ExprKind.Number && Fold(f, a.Value) is double r) return BuildNumber(r);
        bool negated = a.Kind == ExprKind.Negate || a.Kind == ExprKind.Number && a.Value < 0;
        Expr Inner() => a.Kind == ExprKind.Negate ? a.Arg0 : Expr.Num(-a.Value);
        switch (f)
        {
            case ExprKind.Abs when negated: return Call(f, Inner());              // |−u| = |u|
            case ExprKind.Abs when a.Kind == ExprKind.Abs: return a;              // ||u|| = |u|
            case ExprKind.Cos when negated: return Call(f, Inner());              // even
            case ExprKind.Sin or ExprKind.Tan or ExprKind.Tanh or ExprKind.Sign when negated:
                return Negate(Call(f, Inner()));                                  // odd
            case ExprKind.Log when a.Kind == ExprKind.Exp: return a.Arg0;         // log(e^u) = u for every real u
            case ExprKind.Sqrt when a.Kind == ExprKind.Power && a.Arg1.Kind == ExprKind.Number && a.Arg1.Value == 2:
                return Call(ExprKind.Abs, a.Arg0);                                // √(u²) = |u|
            default: return Expr.Call(f, a);
        }
    }

    /// <summary>f(c) when it is exact and short (sin(0) = 0, √4 = 2); otherwise the call stays symbolic (log(2)).</summary>
    private static double? Fold(ExprKind f, double c) => f switch
    {
        ExprKind.Exp when c == 0 => 1,
        ExprKind.Log when c == 1 => 0,
        ExprKind.Sin or ExprKind.Tan or ExprKind.Tanh when c == 0 => 0,
        ExprKind.Cos when c == 0 => 1,
        ExprKind.Sigmoid when c == 0 => 0.5,
        ExprKind.Sqrt when c >= 0 && Math.Sqrt(c) is var r && r == Math.Round(r) && r * r == c => r,
        ExprKind.Abs => Math.Abs(c),
        ExprKind.Sign => Math.Sign(c),
        _ => null,
    };

    /// <summary>Sums of more raw terms than this are not multiplied out (a product of sums grows as the product of their lengths).</summary>
    private const int MaxExpandedTerms = 512;

    /// <summary>
    /// A simplified expression with products of sums and small positive integer powers of sums multiplied
    /// out, then simplified (so like terms meet); null when that would take more than
    /// <see cref="MaxExpandedTerms"/> terms. Sums under a division bar or inside a function stay whole.
    /// </summary>
    public Expr? Expand(Expr e) => Terms(e) is { } terms ? Simplify(terms.Aggregate(Expr.Add)) : null;

    private List<Expr>? Terms(Expr e)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (e.Kind)
        {
            case ExprKind.Add or ExprKind.Subtract:
                if (Terms(e.Arg0) is not { } left || Terms(e.Arg1) is not { } right) return null;
                if (e.Kind == ExprKind.Subtract) right = right.Select(Expr.Neg).ToList();
                return left.Count + right.Count > MaxExpandedTerms ? null : [.. left, .. right];
            case ExprKind.Negate:
                return Terms(e.Arg0)?.Select(Expr.Neg).ToList();
            case ExprKind.Multiply or ExprKind.Divide or ExprKind.Power:
                var product = new ProductBuilder(this);
                product.Multiply(e, Expr.Num(1));
                var factors = product.Factors();
                List<Expr>? terms = [BuildNumber(product.Coefficient)];
                foreach (var (b, k) in factors)
                {
                    bool sum = b.Kind is ExprKind.Add or ExprKind.Subtract;
                    if (sum && ProductBuilder.IsInteger(k) && k.Value is > 0 and <= 8)
                        for (int j = 0; j < k.Value && terms is not null; j++)
                            terms = Terms(b) is { } inner ? Times(terms, inner) : null;
                    else terms = Times(terms!, [Power(b, k)]);
                    if (terms is null) return null;
                }
                return terms;
            default:
                return [e];
        }
    }

    private static List<Expr>? Times(List<Expr> a, List<Expr> b) =>
        a.Count * b.Count > MaxExpandedTerms ? null : [.. a.SelectMany(x => b.Select(y => Expr.Mul(x, y)))];

    /// <summary>−e in canonical form.</summary>
    public Expr Negate(Expr e) => e.Kind switch
    {
        ExprKind.Number => Expr.Num(-e.Value),
        ExprKind.Negate => e.Arg0,
        _ => Expr.Neg(e),
    };

    /// <summary>e·k for an exponent e (numbers fold, anything else is simplified).</summary>
    public Expr Scale(Expr e, double k)
    {
        if (k == 1) return e;
        if (e.Kind == ExprKind.Number && double.IsFinite(e.Value * k)) return Expr.Num(e.Value * k);
        return ProductBuilder.Numeric(Simplify(Expr.Mul(Expr.Num(k), e)));
    }

    /// <summary>a + b for exponents.</summary>
    public Expr AddExponents(Expr a, Expr b)
    {
        if (a.Kind == ExprKind.Number && b.Kind == ExprKind.Number && double.IsFinite(a.Value + b.Value))
            return Expr.Num(a.Value + b.Value);
        return ProductBuilder.Numeric(Simplify(Expr.Add(a, b)));
    }

    /// <summary>
    /// c · Π base^exponent as written: the coefficient as a fraction when it is one, factors with a negative
    /// exponent under a division bar, a negative coefficient as a leading minus.
    /// </summary>
    public Expr BuildProduct(double c, List<(Expr Base, Expr Exponent)> factors)
    {
        if (factors.Count == 0) return BuildNumber(c);
        if (c == -1 && factors is [{ Base.Kind: ExprKind.Add or ExprKind.Subtract } lone] && lone.Exponent is { Kind: ExprKind.Number, Value: 1 })
            return Sum(Expr.Neg(lone.Base)); // −(a + b) is the sum −a − b: a negated sum must have one form, not two
        if (c < 0) return Negate(BuildProduct(-c, factors));
        var top = new List<Expr>();
        var bottom = new List<Expr>();
        if (Rational(c) is (long p, long q))
        {
            if (p != 1) top.Add(Expr.Num(p));
            if (q != 1) bottom.Add(Expr.Num(q));
        }
        else top.Add(Expr.Num(c));
        foreach (var (b, e) in factors)
        {
            if (e.Kind == ExprKind.Number && e.Value < 0) bottom.Add(Power(b, BuildNumber(-e.Value)));
            else if (e.Kind == ExprKind.Negate) bottom.Add(Power(b, e.Arg0));
            else top.Add(Power(b, e));
        }
        var numerator = top.Count == 0 ? Expr.Num(1) : top.Aggregate(Expr.Mul);
        return bottom.Count == 0 ? numerator : Expr.Div(numerator, bottom.Aggregate(Expr.Mul));
    }

    /// <summary>b^e, with a constant exponent written as a number or fraction (x^2, x^(1/2)).</summary>
    private Expr Power(Expr b, Expr e) =>
        e.Kind != ExprKind.Number ? Expr.Pow(b, e) : e.Value == 1 ? b : Expr.Pow(b, BuildNumber(e.Value));

    /// <summary>A number as written: 3, 0.1234, or a fraction 1/3 when it is exactly p/q with a small q.</summary>
    public Expr BuildNumber(double c)
    {
        if (c < 0) return Negate(BuildNumber(-c));
        return Rational(c) is (long p, long q) && q != 1 ? Expr.Div(Expr.Num(p), Expr.Num(q)) : Expr.Num(c);
    }

    /// <summary>(p, q) with p/q == c exactly in double arithmetic and q ≤ 1000, for c ≥ 0.</summary>
    private static (long P, long Q)? Rational(double c)
    {
        if (c == Math.Round(c)) return c < 1e15 ? ((long)c, 1) : null;
        for (long q = 2; q <= 1000; q++)
        {
            double p = Math.Round(c * q);
            if (p < 1e15 && p / q == c) return ((long)p, q);
        }
        return null;
    }
}
