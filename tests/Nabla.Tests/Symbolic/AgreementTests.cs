using FsCheck.Xunit;
using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>
/// Symbolic derivatives against forward mode, reverse mode (both to 1e-12) and central differences (1e-6),
/// orders 1 to 4, on a fixed list of formulas and on random ones.
/// </summary>
public class AgreementTests
{
    public static readonly string[] Formulas =
    [
        "x^3", "x^2*sin(x)", "sin(x)*exp(x)", "sin(x)/x", "1/x", "exp(x^2)", "log(x^2 + 1)", "sqrt(x)", "x^x",
        "sin(x)^2", "cos(x)", "tan(x)", "tanh(x)", "sigmoid(x)", "abs(x)", "x*exp(x)", "x^3/3 + 2*x - 5",
        "(x + 1)*(x - 1)", "log(x)", "exp(-x)", "1/(1 + exp(-x))", "2^x", "sqrt(x^2 + 1)", "(x^2 + 1)^3",
        "cos(2*x)", "x/(x + 1)", "exp(sin(x))", "log(cos(x) + 2)", "tanh(x^2 - 1)", "sigmoid(3*x)*x",
        "x^-2", "x^0.5 + x^1.5", "-x^4 + x", "sin(cos(tan(x)))", "exp(x)/(1 + x^2)", "abs(x - 2)*x",
        "x*y^2 + y", "sin(x*y)", "x^y", "exp(x*y)/y", "log(x^2 + y^2)", "sqrt(x^2 + y^2)", "tanh(x - y)*y",
        "x/y - y/x", "(x + y)^4", "sigmoid(x*y + 1)", "cos(x)^3*sin(y)", "x^2*y^3 - 3*x*y", "abs(x*y) + x",
        "exp(-x^2/2)", "log(sigmoid(x))", "tan(x/2)^2",
    ];

    private static readonly (double X, double Y)[] Points = [(0.7, 1.3), (1.6, 0.4), (-0.6, 0.9), (2.3, -1.1)];

    [Fact]
    public void FixedFormulas_AgreeAtSafePoints_UpToOrder4()
    {
        int checkedPoints = 0;
        foreach (var s in Formulas)
        {
            var f = Expr.Parse(s);
            int safe = 0;
            foreach (var (x, y) in Points)
            {
                if (!Agreement.IsSafeAround(f, x, y)) continue;
                Agreement.Assert(f, x, y, maxOrder: 4);
                safe++;
            }
            Assert.True(safe >= 2, $"{s}: only {safe} of the test points are safe");
            checkedPoints += safe;
        }
        Assert.True(Formulas.Length >= 50 && checkedPoints >= 150, $"{Formulas.Length} formulas, {checkedPoints} points");
    }

    [Fact]
    public void FixedFormulas_AgreeWithRespectToY()
    {
        foreach (var s in Formulas.Where(s => s.Contains('y')))
        {
            var f = Expr.Parse(s);
            foreach (var (x, y) in Points.Where(p => Agreement.IsSafeAround(f, p.X, p.Y, "y")))
                Agreement.Assert(f, x, y, maxOrder: 3, wrt: "y");
        }
    }

    [Property(MaxTest = 150)]
    public void RandomFormulas_AgreeAtSafePoints(int seed)
    {
        var f = ExprGenerator.Random(seed);
        foreach (var (x, y) in Points)
            if (Agreement.IsSafeAround(f, x, y))
                Agreement.Assert(f, x, y, maxOrder: 2);
    }

    /// <summary>The property above may skip formulas with no safe point; this counts that enough are checked, to order 4.</summary>
    [Fact]
    public void RandomFormulas_ManyAreChecked_UpToOrder4()
    {
        int formulas = 0, points = 0;
        for (int seed = 1; seed <= 120; seed++)
        {
            var f = ExprGenerator.Random(seed);
            int safe = 0;
            foreach (var (x, y) in Points)
            {
                if (!Agreement.IsSafeAround(f, x, y)) continue;
                Agreement.Assert(f, x, y, maxOrder: 4);
                safe++;
            }
            if (safe > 0 && f.Contains("x")) formulas++;
            points += safe;
        }
        Assert.True(formulas >= 60, $"only {formulas} of 120 random formulas had a safe point ({points} points)");
    }
}
