namespace Nabla.Symbolic;

public sealed partial class Expr
{
    /// <summary>
    /// Reads a formula such as <c>sin(x)*exp(x) + x^2/2</c>: + − * / with the usual precedence, unary minus,
    /// right-associative <c>^</c> (also <c>**</c>), parentheses, numbers like <c>1.5e-3</c>, variable names,
    /// and the functions sin, cos, tan, tanh, sigmoid, exp, log (or ln), sqrt, abs, sign.
    /// </summary>
    /// <exception cref="ExprParseException">The text is not a formula; the message names the column and what was expected.</exception>
    public static Expr Parse(string text) => ExprParser.Parse(text);

    /// <summary>
    /// The derivative with respect to <paramref name="variable"/> by the textbook rules, applied literally:
    /// call <see cref="Simplify"/> to get the form a person would write.
    /// </summary>
    public Expr Derive(string variable) => Derive(variable, 1);

    /// <summary>
    /// The <paramref name="order"/>-th derivative (order 0 is the expression itself). With
    /// <paramref name="simplify"/> the result is simplified after each step, which keeps higher orders small;
    /// without, the textbook rules are applied <paramref name="order"/> times to the raw result.
    /// </summary>
    public Expr Derive(string variable, int order, bool simplify = false)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (!IsIdentifier(variable))
            throw new ArgumentException($"Derive: '{variable}' is not a variable name", nameof(variable));
        if (order < 0)
            throw new ArgumentOutOfRangeException(nameof(order), $"Derive: order must be 0 or more, got {order}");
        var e = this;
        for (int i = 0; i < order; i++)
        {
            e = new Differentiator(variable).Derive(e);
            if (simplify) e = e.Simplify();
        }
        return e;
    }

    /// <summary>The partial derivatives with respect to each of <paramref name="variables"/>, simplified.</summary>
    public Expr[] Gradient(IReadOnlyList<string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables.Select(v => Derive(v, 1, simplify: true)).ToArray();
    }

    /// <summary>
    /// The form a person would write: constants folded; x+0, x·1, x·0, x^1, x^0, −(−x) removed; like terms
    /// and like powers collected (x + x → 2*x, x·x² → x^3); canonical order; fractions for division; in a
    /// fraction, factors that a sum above the bar shares with the denominator cancelled. Of this form and
    /// its <see cref="Expand"/>ed one, the smaller is returned ((x+1)·(x−1) becomes x^2 - 1, (x+1)^3 stays),
    /// the unexpanded one on a tie. Simplifying a simplified expression returns it unchanged.
    /// </summary>
    public Expr Simplify()
    {
        var simplifier = new Simplifier();
        var factored = simplifier.Simplify(this);
        var expanded = simplifier.Expand(factored);
        return expanded is not null && expanded.TreeSize() < factored.TreeSize() ? expanded : factored;
    }

    /// <summary>
    /// Simplified, with products of sums and positive integer powers (up to 8) of sums multiplied out so that
    /// like terms collect: (x+1)^2 → x^2 + 2*x + 1. Sums under a division bar or inside a function stay whole;
    /// an expansion that would need more than 512 terms is not done (the simplified form is returned).
    /// </summary>
    public Expr Expand()
    {
        var simplifier = new Simplifier();
        var factored = simplifier.Simplify(this);
        return simplifier.Expand(factored) ?? factored;
    }
}
