using FsCheck.Xunit;
using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>Precedence, associativity, unary minus, numbers and names; errors that say where and what.</summary>
public class ParserTests
{
    private static readonly Expr X = Expr.Var("x"), Y = Expr.Var("y"), Z = Expr.Var("z");

    [Fact]
    public void Precedence_ProductsBeforeSums_PowersBeforeProducts()
    {
        Assert.Equal(X + Y * Z, Expr.Parse("x + y*z"));
        Assert.Equal(X * Y.Pow(2), Expr.Parse("x*y^2"));
        Assert.Equal((X + Y) * Z, Expr.Parse("(x + y)*z"));
    }

    [Fact]
    public void LeftAssociative_SubtractionAndDivision()
    {
        Assert.Equal((X - Y) - Z, Expr.Parse("x - y - z"));
        Assert.Equal((X / Y) / Z, Expr.Parse("x/y/z"));
    }

    [Fact]
    public void Power_IsRightAssociative()
    {
        Assert.Equal(X.Pow(Y.Pow(Z)), Expr.Parse("x^y^z"));
        Assert.Equal(X.Pow(Y.Pow(Z)), Expr.Parse("x**y**z"));
    }

    [Fact]
    public void UnaryMinus_BindsLooserThanPower()
    {
        Assert.Equal(-X.Pow(2), Expr.Parse("-x^2"));
        Assert.Equal(X.Pow(-Y), Expr.Parse("x^-y"));
        Assert.Equal(Expr.Mul(-X, Y), Expr.Parse("-x*y"));
        Assert.Equal(X * -Y, Expr.Parse("x*-y"));
        Assert.Equal(X - -Y, Expr.Parse("x - -y"));
        Assert.Equal(X, Expr.Parse("+x"));
    }

    [Fact]
    public void NumbersNamesAndCalls()
    {
        Assert.Equal(Expr.Num(1.5e-3), Expr.Parse("1.5e-3"));
        Assert.Equal(Expr.Num(0.5), Expr.Parse(".5"));
        Assert.Equal(Expr.Num(2e10), Expr.Parse("2E+10"));
        Assert.Equal(Expr.Var("x_1"), Expr.Parse("x_1"));
        Assert.Equal(Expr.Sin(X) * Expr.Exp(X), Expr.Parse("sin(x)*exp(x)"));
        Assert.Equal(Expr.Log(X), Expr.Parse("ln(x)"));
        Assert.Equal(Expr.Sigmoid(Expr.Tanh(X)), Expr.Parse(" sigmoid ( tanh( x ) ) "));
        Assert.Equal(Expr.Parse("sin(x)*exp(x) + x^2/2"), Expr.Sin(X) * Expr.Exp(X) + X.Pow(2) / 2);
    }

    [Theory]
    [InlineData("foo(x)", 0, "a known function", "unknown function 'foo'")]
    [InlineData("sin(x", 5, "')'", "end of input")]
    [InlineData("(x + 1", 6, "')'", "end of input")]
    [InlineData("x + 1)", 5, "an operator or the end of input (this ')' has no matching '(')", "')'")]
    [InlineData("", 0, "a number, a variable, a function call or '('", "end of input")]
    [InlineData("x +", 3, "a number, a variable, a function call or '('", "end of input")]
    [InlineData("2x", 1, "an operator or the end of input", "'x'")]
    [InlineData("x * * y", 4, "a number, a variable, a function call or '('", "'*'")]
    [InlineData("sin x", 4, "'(' after the function name 'sin'", "'x'")]
    [InlineData("x $ y", 2, "an operator or the end of input", "'$'")]
    [InlineData("1e999", 0, "a number within the range of a double", "'1e999'")]
    public void BadInput_SaysWhereAndWhatWasExpected(string text, int position, string expected, string found)
    {
        var e = Assert.Throws<ExprParseException>(() => Expr.Parse(text));
        Assert.Equal(position, e.Position);
        Assert.StartsWith(expected, e.Expected);
        Assert.Equal(found, e.Found);
        Assert.Equal(text, e.Input);
        Assert.Contains($"column {position + 1}", e.Message);
        Assert.IsAssignableFrom<FormatException>(e);
    }

    [Fact]
    public void UnknownFunction_ListsTheKnownOnes()
    {
        var e = Assert.Throws<ExprParseException>(() => Expr.Parse("x + cosh(x)"));
        Assert.Equal(4, e.Position);
        Assert.Contains("sin, cos, tan, tanh, sigmoid, exp, log, sqrt, abs, sign", e.Message);
    }

    [Fact]
    public void DeepNesting_IsRefusedWithAMessage_NotAStackOverflow()
    {
        var deep = new string('(', 5000) + "x" + new string(')', 5000);
        Assert.Contains("levels of nesting", Assert.Throws<ExprParseException>(() => Expr.Parse(deep)).Message);
        var minus = new string('-', 5000) + "x";
        Assert.Contains("levels of nesting", Assert.Throws<ExprParseException>(() => Expr.Parse(minus)).Message);
        Assert.Equal(X, Expr.Parse(new string('(', 100) + "x" + new string(')', 100)));
    }

    [Property(MaxTest = 300)]
    public void PrintThenParse_GivesTheSameValue_AndTheSameText(int seed)
    {
        var e = ExprGenerator.Random(seed);
        var text = e.ToString();
        var back = Expr.Parse(text);
        Assert.Equal(text, back.ToString());
        foreach (var (x, y) in new[] { (0.7, 1.3), (-1.6, 0.4) })
        {
            double a = e.Evaluate(("x", x), ("y", y)), b = back.Evaluate(("x", x), ("y", y));
            Assert.True(a.Equals(b), $"{text}: {a} vs {b}"); // bit for bit (NaN equals NaN here)
        }
    }

    [Property(MaxTest = 200)]
    public void PrintThenParse_OfSimplified_ReadsBackToTheSameTextAndForm(int seed)
    {
        var s = ExprGenerator.Random(seed).Derive("x").Simplify();
        var text = s.ToString();
        var back = Expr.Parse(text);
        Assert.Equal(text, back.ToString());
        // −(a − b)/c reads back as (−(a − b))/c: the same value, which simplifies to the same form up to
        // where the sign goes ((b − a)/c); simplifying that again changes nothing.
        var again = back.Simplify();
        Assert.Equal(again, again.Simplify());
        double v = s.Evaluate(("x", 0.7), ("y", 1.3)), w = again.Evaluate(("x", 0.7), ("y", 1.3));
        var at = new Dictionary<string, double> { ["x"] = 0.7, ["y"] = 1.3 };
        Assert.True(v.Equals(w) || Agreement.Close(v, w, 1e-12, Agreement.RoundingScale(s, at)), $"{text}: {v}; {again}: {w}");
    }
}
