namespace Nabla.Symbolic;

/// <summary>
/// The scalar functions that <see cref="Math"/> lacks, written as Nabla's tensor kernels compute them, so that
/// <see cref="Expr.Evaluate(IReadOnlyDictionary{string, double})"/>, compiled delegates and the autodiff
/// functions agree. Public because compiled expression trees call them.
/// </summary>
public static class ScalarMath
{
    /// <summary>1/(1 + e^−x), as tanh(x/2)/2 + 1/2 so that it never overflows.</summary>
    public static double Sigmoid(double x) => Functions.ElementwiseRules.SigmoidOf(x);

    /// <summary>−1, 0 or 1 (NaN for NaN), as a double.</summary>
    public static double Sign(double x) => double.IsNaN(x) ? double.NaN : Math.Sign(x);

    /// <summary>The function <paramref name="f"/> of <paramref name="x"/>: its rule's scalar kernel (sign has none).</summary>
    public static double Apply(ExprKind f, double x) => f == ExprKind.Sign ? Sign(x) : Rule(f).Apply(x);

    /// <summary>The rule of the function <paramref name="f"/>.</summary>
    internal static Functions.ElementwiseRule Rule(ExprKind f) =>
        ((uint)f < (uint)Rules.Length ? Rules[(int)f] : null)
        ?? throw new ArgumentException($"ScalarMath.Apply: {f} is not a function of one argument", nameof(f));

    // Indexed by kind, as formulas are evaluated node by node.
    private static readonly Functions.ElementwiseRule?[] Rules = Enum.GetValues<ExprKind>()
        .Select(k => k >= ExprKind.Sin && k != ExprKind.Sign ? Functions.ElementwiseRules.ByName(Expr.FunctionName(k)) : null)
        .ToArray();
}
