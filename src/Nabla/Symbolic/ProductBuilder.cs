namespace Nabla.Symbolic;

/// <summary>
/// A product being collected: a numeric coefficient times distinct bases, each with an exponent
/// (x·x²/y → 1 · x³ · y⁻¹). Powers of products are distributed and powers of powers multiplied only for
/// integer exponents, where that is valid for every real value ((x²)^½ is |x|, not x).
/// </summary>
internal sealed class ProductBuilder(Simplifier simplifier)
{
    private readonly List<(Expr Base, Expr Exponent)> factors = [];
    private readonly Dictionary<Expr, int> index = new();

    public double Coefficient { get; private set; } = 1;

    /// <summary>Multiplies by <paramref name="t"/>^<paramref name="exponent"/>; both are already simplified.</summary>
    public void Multiply(Expr t, Expr exponent)
    {
        exponent = Numeric(exponent);
        bool integer = IsInteger(exponent);
        switch (t.Kind)
        {
            case ExprKind.Number:
                if (t.Value == 1) return;
                if (!TryFold(t.Value, exponent)) AddFactor(t, exponent);
                return;
            case ExprKind.Negate when integer:
                if (Math.Abs(exponent.Value % 2) == 1) Coefficient = -Coefficient;
                Multiply(t.Arg0, exponent);
                return;
            case ExprKind.Multiply when integer:
                Multiply(t.Arg0, exponent);
                Multiply(t.Arg1, exponent);
                return;
            case ExprKind.Divide when integer:
                Multiply(t.Arg0, exponent);
                Multiply(t.Arg1, Expr.Num(-exponent.Value));
                return;
            case ExprKind.Power when integer:
                Multiply(t.Arg0, simplifier.Scale(t.Arg1, exponent.Value));
                return;
            case ExprKind.Add or ExprKind.Subtract when integer && LeadsWithMinus(t):
                // (−a − b)^k = (−1)^k·(a + b)^k: one sign convention for sums, so that like factors meet
                if (Math.Abs(exponent.Value % 2) == 1) Coefficient = -Coefficient;
                AddFactor(simplifier.Simplify(Expr.Neg(t)), exponent);
                return;
            default:
                AddFactor(t, exponent);
                return;
        }
    }

    /// <summary>A simplified sum whose first term is negative: then all its terms are (a positive one would lead).</summary>
    private static bool LeadsWithMinus(Expr sum)
    {
        var first = sum;
        while (first.Kind is ExprKind.Add or ExprKind.Subtract) first = first.Arg0;
        return first.Kind == ExprKind.Negate || first.Kind == ExprKind.Number && first.Value < 0;
    }

    /// <summary>Folds c^k into the coefficient when k is an integer (or the result is), and the result is finite.</summary>
    private bool TryFold(double c, Expr exponent)
    {
        if (exponent.Kind != ExprKind.Number) return false;
        double r = Math.Pow(c, exponent.Value);
        if (!double.IsFinite(r) || (r == 0 && c != 0)) return false; // keep 1/0 and overflow as written: IEEE decides at evaluation
        if (!IsInteger(exponent) && !(c > 0 && r == Math.Round(r))) return false; // 2^0.5 stays, 4^0.5 is 2
        double product = Coefficient * r;
        if (!double.IsFinite(product)) return false;
        Coefficient = product;
        return true;
    }

    private void AddFactor(Expr b, Expr exponent)
    {
        if (index.TryGetValue(b, out int i))
            factors[i] = (b, simplifier.AddExponents(factors[i].Exponent, exponent));
        else
        {
            index[b] = factors.Count;
            factors.Add((b, exponent));
        }
    }

    /// <summary>
    /// The collected factors in canonical order, without those whose exponent became 0. A base that can
    /// now be distributed (its exponents summed to an integer) is fed through again.
    /// </summary>
    public List<(Expr Base, Expr Exponent)> Factors() => CancelCommonFactors(Factors(refeed: true));

    /// <summary>
    /// In a fraction, takes out of each sum in the numerator the factors its terms share with the denominator,
    /// so that they cancel: (x^4·u − 4·x^3·v)/x^8 becomes (x·u − 4·v)/x^5. Without this the quotient rule
    /// squares the denominator at every derivative (x^2, x^4, x^8, ...).
    /// </summary>
    private List<(Expr Base, Expr Exponent)> CancelCommonFactors(List<(Expr Base, Expr Exponent)> live)
    {
        var below = live.Where(f => f.Exponent.Kind == ExprKind.Number && f.Exponent.Value < 0).Select(f => f.Base).ToHashSet();
        if (below.Count == 0) return live;
        bool changed = false;
        var again = new ProductBuilder(simplifier) { Coefficient = Coefficient };
        foreach (var (b, e) in live)
        {
            if (b.Kind is ExprKind.Add or ExprKind.Subtract && IsInteger(e) && e.Value > 0)
            {
                var sum = new SumBuilder(simplifier);
                sum.Add(b, 1);
                if (sum.TakeOut(below.Contains) is var (content, rest))
                {
                    foreach (var (cb, ce) in content) again.Multiply(cb, Expr.Num(ce * e.Value));
                    again.Multiply(rest, e);
                    changed = true;
                    continue;
                }
            }
            again.Multiply(b, e);
        }
        if (!changed) return live;
        Coefficient = again.Coefficient;
        return again.Factors(refeed: true);
    }

    private List<(Expr Base, Expr Exponent)> Factors(bool refeed)
    {
        var live = factors.Where(f => !(f.Exponent.Kind == ExprKind.Number && f.Exponent.Value == 0)).ToList();
        if (refeed && live.Any(Distributable))
        {
            var again = new ProductBuilder(simplifier) { Coefficient = Coefficient };
            foreach (var (b, e) in live) again.Multiply(b, e);
            Coefficient = again.Coefficient;
            live = again.Factors(refeed: false); // once: what still cannot fold (1/0) stays a factor
        }
        live.Sort((p, q) => ExprOrder.Compare(p.Base, q.Base));
        return live;
    }

    private static bool Distributable((Expr Base, Expr Exponent) f) =>
        IsInteger(f.Exponent) && f.Base.Kind is ExprKind.Number or ExprKind.Negate or ExprKind.Multiply or ExprKind.Divide or ExprKind.Power;

    public static bool IsInteger(Expr e) => e.Kind == ExprKind.Number && e.Value == Math.Round(e.Value);

    /// <summary>
    /// A constant exponent as one number: simplified output writes 1/2 as a fraction, but exponents are
    /// added and tested for integrality as numbers.
    /// </summary>
    public static Expr Numeric(Expr e) => e.Kind switch
    {
        ExprKind.Divide when e.Arg0.IsNumber && e.Arg1.IsNumber && double.IsFinite(e.Arg0.Value / e.Arg1.Value) =>
            Expr.Num(e.Arg0.Value / e.Arg1.Value),
        ExprKind.Negate when Numeric(e.Arg0) is { IsNumber: true } n => Expr.Num(-n.Value),
        _ => e,
    };
}
