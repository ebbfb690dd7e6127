namespace Nabla.Symbolic;

public sealed partial class Expr
{
    /// <summary>Infix text with minimal parentheses, e.g. <c>2*x*exp(x^2)</c>; <see cref="Parse"/> reads it back.</summary>
    public override string ToString() => ExprPrinter.Print(this);

    /// <summary>LaTeX math, e.g. <c>2 x e^{x^{2}}</c>.</summary>
    public string ToLatex() => LatexPrinter.Print(this);
}
