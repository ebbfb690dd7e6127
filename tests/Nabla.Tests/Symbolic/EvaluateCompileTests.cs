using FsCheck.Xunit;
using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>Evaluation with IEEE semantics, clear errors, and compiled delegates that agree with it.</summary>
public class EvaluateCompileTests
{
    [Fact]
    public void Evaluate_WithBindings()
    {
        var e = Expr.Parse("x^2*y + sin(x*y) + sigmoid(0) + abs(-x) + sign(-y)");
        double expected = 1.5 * 1.5 * 2 + Math.Sin(3) + 0.5 + 1.5 - 1;
        Assert.Equal(expected, e.Evaluate(("x", 1.5), ("y", 2)), 14);
        Assert.Equal(expected, e.Evaluate(new Dictionary<string, double> { ["x"] = 1.5, ["y"] = 2 }), 14);
        Assert.Equal(5.0, Expr.Parse("2 + 3").Evaluate());
    }

    [Fact]
    public void Evaluate_UnknownVariable_NamesItAndWhatWasGiven()
    {
        var ex = Assert.Throws<ArgumentException>(() => Expr.Parse("x*y").Evaluate(("x", 1.0)));
        Assert.Contains("variable 'y' has no value (given: x)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Expr.Parse("z").Evaluate());
        Assert.Contains("variable 'z' has no value (no variables are given)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => Expr.Parse("x").Evaluate(("x", 1.0), ("x", 2.0)));
        Assert.Contains("'x' is given twice", ex.Message);
    }

    [Theory]
    [InlineData("1/x", 0.0, double.PositiveInfinity)]
    [InlineData("-1/x", 0.0, double.NegativeInfinity)]
    [InlineData("x/x", 0.0, double.NaN)]
    [InlineData("log(x)", 0.0, double.NegativeInfinity)]
    [InlineData("log(x)", -1.0, double.NaN)]
    [InlineData("sqrt(x)", -1.0, double.NaN)]
    [InlineData("x^0.5", -4.0, double.NaN)]
    [InlineData("exp(x)", 1000.0, double.PositiveInfinity)]
    [InlineData("sigmoid(x)", -1000.0, 0.0)]
    public void Evaluate_FollowsIeee754(string formula, double x, double expected)
    {
        var e = Expr.Parse(formula);
        Assert.Equal(expected, e.Evaluate(("x", x)));
        Assert.Equal(expected, e.Compile("x")(x));
    }

    [Fact]
    public void Compile_OneAndManyVariables()
    {
        var e = Expr.Parse("x^2*y + exp(-y)");
        var f1 = Expr.Parse("x^3 - 2*x").Compile("x");
        Assert.Equal(8.0 - 4.0, f1(2.0));
        var f2 = e.Compile(["x", "y"]);
        Assert.Equal(9 * 0.5 + Math.Exp(-0.5), f2([3, 0.5]), 14);
        var swapped = e.Compile(["y", "x"]);
        Assert.Equal(f2([3, 0.5]), swapped([0.5, 3]));
    }

    [Fact]
    public void CompileGradient_GivesAllPartialsAtOnce()
    {
        var g = Expr.Parse("x^2*y + sin(x*y)").CompileGradient(["x", "y"]);
        var (x, y) = (0.7, 1.3);
        var v = g([x, y]);
        Assert.Equal(2, v.Length);
        Assert.Equal(2 * x * y + y * Math.Cos(x * y), v[0], 14);
        Assert.Equal(x * x + x * Math.Cos(x * y), v[1], 14);
    }

    [Fact]
    public void Compile_SeveralOutputs_ShareWork()
    {
        var f = Expr.Parse("tanh(x)");
        Expr[] orders = [f, f.Derive("x", 1, true), f.Derive("x", 2, true), f.Derive("x", 3, true)];
        var all = Expr.Compile(orders, ["x"])([0.3]);
        for (int n = 0; n < orders.Length; n++)
            Assert.Equal(orders[n].Evaluate(("x", 0.3)), all[n], 15);
    }

    [Fact]
    public void Compile_BadArguments_AreClear()
    {
        var e = Expr.Parse("x*y");
        Assert.Contains("uses variable 'y', which is not among the parameters (x)", Assert.Throws<ArgumentException>(() => e.Compile("x")).Message);
        Assert.Contains("duplicate", Assert.Throws<ArgumentException>(() => e.Compile(["x", "x"])).Message);
        var f = e.Compile(["x", "y"]);
        Assert.Contains("takes 2 values (x, y)", Assert.Throws<ArgumentException>(() => f([1.0])).Message);
        Assert.Throws<ArgumentNullException>(() => f(null!));
    }

    [Property(MaxTest = 200)]
    public void Compiled_MatchesEvaluate_OnRandomFormulas_AndTheirDerivatives(int seed)
    {
        var e = ExprGenerator.Random(seed);
        foreach (var f in new[] { e, e.Derive("x"), e.Derive("x", 2, simplify: true) })
        {
            var compiled = f.Compile(["x", "y"]);
            foreach (var (x, y) in new[] { (0.7, 1.3), (-1.6, 0.4), (0.0, 0.0) })
            {
                double a = f.Evaluate(("x", x), ("y", y)), b = compiled([x, y]);
                Assert.True(a.Equals(b) || Math.Abs(a - b) <= 1e-13 * Math.Abs(a), $"{f} at ({x}, {y}): evaluate {a}, compiled {b}");
            }
        }
    }
}
