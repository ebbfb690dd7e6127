namespace Nabla.Symbolic;

public sealed partial class Expr
{
    /// <summary>A number where an expression is expected: <c>x * 2</c>, <c>1 / x</c>.</summary>
    public static implicit operator Expr(double value) => Num(value);

    /// <summary>The expression a + b (not simplified).</summary>
    public static Expr operator +(Expr a, Expr b) => Add(a, b);
    /// <summary>The expression a − b (not simplified).</summary>
    public static Expr operator -(Expr a, Expr b) => Sub(a, b);
    /// <summary>The expression a × b (not simplified).</summary>
    public static Expr operator *(Expr a, Expr b) => Mul(a, b);
    /// <summary>The expression a ÷ b (not simplified).</summary>
    public static Expr operator /(Expr a, Expr b) => Div(a, b);
    /// <summary>The expression −a (not simplified).</summary>
    public static Expr operator -(Expr a) => Neg(a);
}
