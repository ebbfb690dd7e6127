namespace Nabla.Symbolic;

/// <summary>
/// Hash-consing: hands out one instance per distinct structure, so that equal sub-expressions are the same
/// object. Equality of interned nodes is then decided at the top (their operands are identical references),
/// which keeps memo tables cheap on the large, highly shared trees that repeated differentiation produces.
/// </summary>
internal sealed class Interner
{
    private readonly Dictionary<Expr, Expr> table = new();
    private readonly Dictionary<Expr, Expr> deep = new(ReferenceEqualityComparer.Instance);

    /// <summary>The shared instance equal to <paramref name="e"/>, whose operands must already be interned.</summary>
    public Expr Node(Expr e)
    {
        if (table.TryGetValue(e, out var existing)) return existing;
        table.Add(e, e);
        return e;
    }

    /// <summary>Interns a whole tree, bottom up.</summary>
    public Expr Deep(Expr e)
    {
        if (deep.TryGetValue(e, out var done)) return done;
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var result = e.Args.Count == 0 ? Node(e) : Node(e.With(e.Args.Select(Deep).ToArray()));
        deep[e] = result;
        return result;
    }
}
