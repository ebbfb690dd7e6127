namespace Nabla.Symbolic;

/// <summary>
/// The canonical order in which <see cref="Simplifier"/> writes factors and terms: numbers, then variables
/// by name, then function calls (sin before exp, as <see cref="ExprKind"/> lists them), then powers,
/// products and sums. Any total order makes like terms meet; this one also reads the way people write.
/// </summary>
internal static class ExprOrder
{
    private static int Rank(Expr e) => e.Kind switch
    {
        ExprKind.Number => 0,
        ExprKind.Variable => 1,
        _ when e.IsFunction => 2,
        ExprKind.Power => 3,
        ExprKind.Multiply or ExprKind.Divide => 4,
        _ => 5,
    };

    public static int Compare(Expr a, Expr b)
    {
        if (ReferenceEquals(a, b)) return 0;
        int c = Rank(a).CompareTo(Rank(b));
        if (c != 0) return c;
        if (a.Kind == ExprKind.Number) return a.Value.CompareTo(b.Value);
        if (a.Kind == ExprKind.Variable) return string.CompareOrdinal(a.Name, b.Name);
        c = a.Kind.CompareTo(b.Kind);
        if (c != 0) return c;
        for (int i = 0; i < Math.Min(a.Args.Count, b.Args.Count); i++)
        {
            c = Compare(a.Args[i], b.Args[i]);
            if (c != 0) return c;
        }
        return a.Args.Count.CompareTo(b.Args.Count);
    }
}
