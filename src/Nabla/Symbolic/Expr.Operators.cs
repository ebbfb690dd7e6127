namespace Nabla.Symbolic;

public sealed partial class Expr
{
    /// <summary>A number where an expression is expected: <c>x * 2</c>, <c>1 / x</c>.</summary>
    public static implicit operator Expr(double value) => Num(value);

    public static Expr operator +(Expr a, Expr b) => Add(a, b);
    public static Expr operator -(Expr a, Expr b) => Sub(a, b);
    public static Expr operator *(Expr a, Expr b) => Mul(a, b);
    public static Expr operator /(Expr a, Expr b) => Div(a, b);
    public static Expr operator -(Expr a) => Neg(a);
}
