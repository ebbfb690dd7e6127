using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>Infix text with minimal parentheses, and LaTeX.</summary>
public class PrintingTests
{
    private static readonly Expr X = Expr.Var("x"), Y = Expr.Var("y"), Z = Expr.Var("z");

    [Fact]
    public void Infix_UsesOnlyTheParenthesesTheShapeNeeds()
    {
        Assert.Equal("x + y*z", (X + Y * Z).ToString());
        Assert.Equal("(x + y)*z", ((X + Y) * Z).ToString());
        Assert.Equal("x - (y - z)", (X - (Y - Z)).ToString());
        Assert.Equal("x - y - z", (X - Y - Z).ToString());
        Assert.Equal("x/(y*z)", (X / (Y * Z)).ToString());
        Assert.Equal("x*(y/z)", (X * (Y / Z)).ToString());
        Assert.Equal("x^y^z", X.Pow(Y.Pow(Z)).ToString());
        Assert.Equal("(x^y)^z", X.Pow(Y).Pow(Z).ToString());
        Assert.Equal("(-x)^2", (-X).Pow(2).ToString());
        Assert.Equal("-x^2", (-X.Pow(2)).ToString());
        Assert.Equal("x^-2", X.Pow(-Expr.Num(2)).ToString());
        Assert.Equal("x^(y + 1)", X.Pow(Y + 1).ToString());
        Assert.Equal("-(x + y)", (-(X + Y)).ToString());
        Assert.Equal("-2*x", (-(2 * X)).ToString());
        Assert.Equal("x*(-2*y)", (X * -(2 * Y)).ToString());
        Assert.Equal("(-2)^x", Expr.Num(-2).Pow(X).ToString());
        Assert.Equal("sin(x + 1)^2", Expr.Sin(X + 1).Pow(2).ToString());
        Assert.Equal("1.5E-07*x", (1.5e-7 * X).ToString());
    }

    [Theory]
    [InlineData("sin(x)*exp(x) + cos(x)*exp(x)", @"\sin\left(x\right) e^{x} + \cos\left(x\right) e^{x}")]
    [InlineData("1/(2*sqrt(x))", @"\frac{1}{2 \sqrt{x}}")]
    [InlineData("x^2/2", @"\frac{x^{2}}{2}")]
    [InlineData("1 - tanh(x)^2", @"1 - \tanh^{2}\left(x\right)")]
    [InlineData("exp(x)^2", @"\left(e^{x}\right)^{2}")]
    [InlineData("x*2^x", @"x \cdot 2^{x}")]
    [InlineData("(x + 1)*(x - 1)", @"\left(x + 1\right) \left(x - 1\right)")]
    [InlineData("2*3^x", @"2 \cdot 3^{x}")]
    [InlineData("abs(x)*sign(x) + log(x)", @"\left|x\right| \operatorname{sgn}\left(x\right) + \ln\left(x\right)")]
    [InlineData("sigmoid(alpha*x_1)", @"\sigma\left(\alpha x_{1}\right)")]
    [InlineData("rate*1.5e-7", @"\mathrm{rate} \cdot 1.5 \times 10^{-7}")]
    [InlineData("-(x - y)", @"-\left(x - y\right)")]
    [InlineData("x^(y + 1)", @"x^{y + 1}")]
    public void Latex(string formula, string expected) => Assert.Equal(expected, Expr.Parse(formula).ToLatex());
}
