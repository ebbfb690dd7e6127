using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>Simplified derivatives of textbook formulas print exactly as a person would write them.</summary>
public class TextbookDerivativeTests
{
    [Theory]
    // powers
    [InlineData("x^3", "3*x^2")]
    [InlineData("x^n", "n*x^(n - 1)")]
    [InlineData("x^-2", "-2/x^3")]
    [InlineData("x^0.5", "1/(2*x^(1/2))")]
    [InlineData("x^1.5 + x", "3*x^(1/2)/2 + 1")]
    [InlineData("1/x", "-1/x^2")]
    [InlineData("x^2/2", "x")]
    [InlineData("x^3/3 + 2*x - 5", "x^2 + 2")]
    [InlineData("5", "0")]
    [InlineData("y", "0")]
    [InlineData("3*x", "3")]
    [InlineData("(x^2 + 1)^3", "6*x*(x^2 + 1)^2")]
    // products and quotients
    [InlineData("x^2*sin(x)", "x^2*cos(x) + 2*x*sin(x)")]
    [InlineData("sin(x)*exp(x)", "sin(x)*exp(x) + cos(x)*exp(x)")]
    [InlineData("x*exp(x)", "x*exp(x) + exp(x)")]
    [InlineData("(x + 1)*(x - 1)", "2*x")]
    [InlineData("sin(x)/x", "(x*cos(x) - sin(x))/x^2")]
    [InlineData("x/(x + 1)", "1/(x + 1)^2")]
    [InlineData("x*y^2 + y", "y^2")]
    // chain rule
    [InlineData("exp(x^2)", "2*x*exp(x^2)")]
    [InlineData("log(x^2 + 1)", "2*x/(x^2 + 1)")]
    [InlineData("sqrt(x)", "1/(2*sqrt(x))")]
    [InlineData("sin(x)^2", "2*sin(x)*cos(x)")]
    [InlineData("cos(2*x)", "-2*sin(2*x)")]
    [InlineData("exp(-x)", "-exp(-x)")]
    [InlineData("1/(1 + exp(-x))", "exp(-x)/(exp(-x) + 1)^2")]
    [InlineData("sqrt(x^2)", "x/abs(x)")]
    // exp, log, trig and friends
    [InlineData("exp(x)", "exp(x)")]
    [InlineData("log(x)", "1/x")]
    [InlineData("sin(x)", "cos(x)")]
    [InlineData("cos(x)", "-sin(x)")]
    [InlineData("tan(x)", "tan(x)^2 + 1")]
    [InlineData("tanh(x)", "1 - tanh(x)^2")]
    [InlineData("sigmoid(x)", "sigmoid(x)*(1 - sigmoid(x))")]
    [InlineData("abs(x)", "sign(x)")]
    [InlineData("2^x", "2^x*log(2)")]
    [InlineData("a^x", "a^x*log(a)")]
    [InlineData("x^x", "x^x*(log(x) + 1)")]
    public void FirstDerivative_PrintsAsExpected(string formula, string expected) =>
        Assert.Equal(expected, Expr.Parse(formula).Derive("x").Simplify().ToString());

    [Theory]
    [InlineData("x^3", 2, "6*x")]
    [InlineData("x^3", 3, "6")]
    [InlineData("x^3", 4, "0")]
    [InlineData("sin(x)", 4, "sin(x)")]
    [InlineData("sin(x)*exp(x)", 2, "2*cos(x)*exp(x)")]
    [InlineData("sin(x)*exp(x)", 4, "-4*sin(x)*exp(x)")]
    [InlineData("tanh(x)", 2, "2*tanh(x)^3 - 2*tanh(x)")] // expanded: smaller than -2*tanh(x)*(1 - tanh(x)^2)
    [InlineData("sigmoid(x)", 2, "2*sigmoid(x)^3 - 3*sigmoid(x)^2 + sigmoid(x)")]
    [InlineData("sin(x)/x", 2, "-(x^2*sin(x) + 2*(x*cos(x) - sin(x)))/x^3")]
    [InlineData("x/(x^2 + 1)", 2, "(2*x^3 - 6*x)/(x^2 + 1)^3")]
    [InlineData("exp(-x^2/2)", 4, "x^4*exp(-x^2/2) - 6*x^2*exp(-x^2/2) + 3*exp(-x^2/2)")]
    [InlineData("exp(x^2)", 2, "4*x^2*exp(x^2) + 2*exp(x^2)")]
    [InlineData("log(x)", 2, "-1/x^2")]
    [InlineData("1/x", 3, "-6/x^4")]
    [InlineData("x^n", 2, "n*x^(n - 2)*(n - 1)")]
    public void HigherDerivative_PrintsAsExpected(string formula, int order, string expected) =>
        Assert.Equal(expected, Expr.Parse(formula).Derive("x", order, simplify: true).ToString());

    [Fact]
    public void Derive_OrderZero_IsTheExpressionItself()
    {
        var e = Expr.Parse("sin(x)");
        Assert.Same(e, e.Derive("x", 0));
    }

    [Fact]
    public void Derive_WithoutSimplify_AppliesTheRulesLiterally()
    {
        // (uv)' = u'v + uv' with u = x, v = x, before any simplification
        Assert.Equal("1*x + x*1", Expr.Parse("x*x").Derive("x").ToString());
        Assert.Equal("cos(x)*1", Expr.Parse("sin(x)").Derive("x").ToString());
    }

    [Fact]
    public void Derive_BadArguments_Throw()
    {
        var e = Expr.Parse("x");
        Assert.Contains("order must be 0 or more, got -1", Assert.Throws<ArgumentOutOfRangeException>(() => e.Derive("x", -1)).Message);
        Assert.Contains("'2x' is not a variable name", Assert.Throws<ArgumentException>(() => e.Derive("2x")).Message);
    }

    [Fact]
    public void Gradient_GivesEachPartialDerivative()
    {
        var g = Expr.Parse("x^2*y + sin(y)").Gradient(["x", "y"]);
        Assert.Equal(["2*x*y", "x^2 + cos(y)"], g.Select(d => d.ToString()));
    }
}
