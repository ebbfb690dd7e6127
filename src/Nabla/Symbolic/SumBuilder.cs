namespace Nabla.Symbolic;

/// <summary>
/// A sum being collected: a constant plus distinct monomials, each with a numeric coefficient
/// (2·x·y + x·y − 3 → 3·x·y − 3). Terms print highest degree first, the constant last, unless that would
/// open with a minus sign: then the first positive term leads (1 − tanh(x)^2).
/// </summary>
internal sealed class SumBuilder(Simplifier simplifier)
{
    private sealed record Term(double Coefficient, List<(Expr Base, Expr Exponent)> Factors);

    private readonly List<Term> terms = [];
    private readonly Dictionary<Expr, int> index = new();
    private double constant;

    /// <summary>False once a coefficient or the constant overflowed: the caller then keeps the sum as written.</summary>
    public bool Finite { get; private set; } = true;

    /// <summary>Adds <paramref name="coefficient"/>·<paramref name="t"/>, where <paramref name="t"/> is already simplified.</summary>
    public void Add(Expr t, double coefficient)
    {
        switch (t.Kind)
        {
            case ExprKind.Add:
                Add(t.Arg0, coefficient);
                Add(t.Arg1, coefficient);
                return;
            case ExprKind.Subtract:
                Add(t.Arg0, coefficient);
                Add(t.Arg1, -coefficient);
                return;
            case ExprKind.Negate:
                Add(t.Arg0, -coefficient);
                return;
            case ExprKind.Number:
                AddConstant(coefficient * t.Value);
                return;
        }
        var product = new ProductBuilder(simplifier);
        product.Multiply(t, Expr.Num(1));
        var factors = product.Factors();
        double c = coefficient * product.Coefficient;
        if (factors.Count == 0) AddConstant(c);
        else AddTerm(c, factors);
    }

    private void AddConstant(double c)
    {
        constant += c;
        if (!double.IsFinite(constant)) Finite = false;
    }

    private void AddTerm(double c, List<(Expr Base, Expr Exponent)> factors)
    {
        var key = simplifier.BuildProduct(1, factors);
        if (index.TryGetValue(key, out int i))
            terms[i] = terms[i] with { Coefficient = terms[i].Coefficient + c };
        else
        {
            index[key] = terms.Count;
            terms.Add(new Term(c, factors));
        }
        if (!double.IsFinite(terms[index[key]].Coefficient)) Finite = false;
    }

    /// <summary>
    /// The collected sum, written with + and − in canonical order; terms that all have the same denominator
    /// are written over it once (2*x^3/(x^2 + 1)^3 − 6*x/(x^2 + 1)^3 → (2*x^3 − 6*x)/(x^2 + 1)^3).
    /// </summary>
    public Expr Build() => OverCommonDenominator() ?? BuildTerms();

    private Expr? OverCommonDenominator()
    {
        var live = terms.Where(t => t.Coefficient != 0).ToList();
        if (constant != 0 || live.Count < 2) return null;
        var shared = live[0].Factors
            .Where(f => f.Exponent is { Kind: ExprKind.Number, Value: < 0 }
                        && live.All(t => t.Factors.Any(g => g.Base == f.Base && g.Exponent == f.Exponent)))
            .ToList();
        if (shared.Count == 0) return null;
        var numerator = live
            .Select(t => simplifier.BuildProduct(t.Coefficient, t.Factors.Where(f => !shared.Any(d => d.Base == f.Base)).ToList()))
            .Aggregate(Expr.Add);
        var denominator = shared.Select(d => Expr.Pow(d.Base, Expr.Num(-d.Exponent.Value))).Aggregate(Expr.Mul);
        return simplifier.Simplify(Expr.Div(simplifier.Simplify(numerator), denominator));
    }

    private Expr BuildTerms()
    {
        var live = terms.Where(t => t.Coefficient != 0).ToList();
        live.Sort(CompareTerms);
        var parts = live.Select(t => (Magnitude: simplifier.BuildProduct(Math.Abs(t.Coefficient), t.Factors), Negative: t.Coefficient < 0)).ToList();
        if (constant != 0 || parts.Count == 0)
            parts.Add((simplifier.BuildNumber(Math.Abs(constant)), constant < 0));
        if (parts[0].Negative)
        {
            int firstPositive = parts.FindIndex(p => !p.Negative);
            if (firstPositive > 0)
            {
                var lead = parts[firstPositive];
                parts.RemoveAt(firstPositive);
                parts.Insert(0, lead);
            }
        }
        var sum = parts[0].Negative ? simplifier.Negate(parts[0].Magnitude) : parts[0].Magnitude;
        foreach (var (magnitude, negative) in parts.Skip(1))
            sum = negative ? Expr.Sub(sum, magnitude) : Expr.Add(sum, magnitude);
        return sum;
    }

    /// <summary>
    /// The common factor b^e of all terms for each base b that <paramref name="wanted"/> accepts (e the least
    /// exponent of b over the terms, when positive), and the sum divided by it; null if there is none.
    /// x^4·u − 4·x^3·v gives (x^3, x·u − 4·v).
    /// </summary>
    public (List<(Expr Base, double Exponent)> Content, Expr Remainder)? TakeOut(Func<Expr, bool> wanted)
    {
        var live = terms.Where(t => t.Coefficient != 0).ToList();
        if (constant != 0 || live.Count < 2) return null;
        var content = new List<(Expr Base, double Exponent)>();
        foreach (var (b, _) in live[0].Factors.Where(f => wanted(f.Base)))
        {
            double least = double.PositiveInfinity;
            foreach (var t in live)
            {
                var e = t.Factors.FirstOrDefault(f => f.Base == b).Exponent;
                least = e is { Kind: ExprKind.Number } ? Math.Min(least, e.Value) : 0;
                if (!(least > 0)) break;
            }
            if (least > 0) content.Add((b, least));
        }
        if (content.Count == 0) return null;
        var rest = live.Select(t => simplifier.BuildProduct(t.Coefficient, t.Factors.Select(f =>
        {
            var taken = content.FirstOrDefault(c => c.Base == f.Base);
            return taken.Base is null ? f : (f.Base, Expr.Num(f.Exponent.Value - taken.Exponent));
        }).ToList())).Aggregate(Expr.Add);
        return (content, simplifier.Simplify(rest));
    }

    /// <summary>Higher total degree in the variables first, then factor by factor in canonical order.</summary>
    private static int CompareTerms(Term a, Term b)
    {
        int c = Degree(b).CompareTo(Degree(a));
        if (c != 0) return c;
        for (int i = 0; i < Math.Min(a.Factors.Count, b.Factors.Count); i++)
        {
            c = ExprOrder.Compare(a.Factors[i].Base, b.Factors[i].Base);
            if (c != 0) return c;
            c = ExprOrder.Compare(b.Factors[i].Exponent, a.Factors[i].Exponent);
            if (c != 0) return c;
        }
        return a.Factors.Count.CompareTo(b.Factors.Count);
    }

    private static double Degree(Term t) =>
        t.Factors.Where(f => f.Base.Kind == ExprKind.Variable && f.Exponent.Kind == ExprKind.Number).Sum(f => f.Exponent.Value);
}
