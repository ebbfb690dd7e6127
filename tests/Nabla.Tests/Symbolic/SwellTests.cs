using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>
/// Expression swell: the textbook rules alone grow the n-th derivative exponentially as a tree; sharing
/// common sub-expressions (a DAG) or simplifying after each step keeps it small. docs/SYMBOLIC.md has the table.
/// </summary>
public class SwellTests
{
    [Theory]
    [InlineData("tanh(x)", 2_953_632, 447, 32, 24)]
    [InlineData("sin(x)*exp(x)", 315_920, 235, 7, 6)]
    [InlineData("exp(-x^2/2)", 171_867_849, 1_684, 63, 28)]
    [InlineData("x/(x^2 + 1)", 112_918_881, 1_709, 35, 29)]
    public void EighthDerivative_Sizes(string formula, long rawTree, int rawDag, long simplifiedTree, int simplifiedDag)
    {
        var f = Expr.Parse(formula);
        var raw = f.Derive("x", 8);
        var simplified = f.Derive("x", 8, simplify: true);
        Assert.Equal(rawTree, raw.TreeSize());
        Assert.Equal(rawDag, raw.DagSize());
        Assert.Equal(simplifiedTree, simplified.TreeSize());
        Assert.Equal(simplifiedDag, simplified.DagSize());
    }

    [Fact]
    public void TreeGrowsExponentially_DagOnlyPolynomially()
    {
        var d = Expr.Parse("tanh(x)");
        long previousTree = 1;
        for (int n = 1; n <= 8; n++)
        {
            d = d.Derive("x");
            if (n >= 3) Assert.True(d.TreeSize() > 4 * previousTree, $"order {n}: tree {d.TreeSize()} after {previousTree}");
            Assert.True(d.DagSize() <= 10 * n * n, $"order {n}: DAG {d.DagSize()}");
            previousTree = d.TreeSize();
        }
    }

    /// <summary>
    /// Without cancelling and multiplying out, the quotient rule squares the denominator at every step
    /// (x^2, x^4, x^8, ...) and the simplified form grows as fast as the tree.
    /// </summary>
    [Fact]
    public void Quotients_GrowOnlyLinearly_WhenSimplified()
    {
        var d = Expr.Parse("sin(x)*exp(x)/x");
        for (int n = 1; n <= 10; n++)
        {
            d = d.Derive("x").Simplify();
            Assert.True(d.TreeSize() <= 25 * n, $"order {n}: {d.TreeSize()} nodes: {d}");
        }
        Assert.DoesNotContain("x^12", d.ToString());
        Assert.Contains("/x^11", d.ToString()); // the 10th derivative of sin(x)·exp(x)/x has x^11 below, no more
    }

    [Fact]
    public void CompiledDelegate_EvaluatesTheDag_OfAMillionNodeTree()
    {
        var f = Expr.Parse("tanh(x)");
        var raw = f.Derive("x", 8); // about three million nodes as a tree, 447 as a DAG
        var compiled = raw.Compile("x");
        var simplified = f.Derive("x", 8, simplify: true);
        foreach (var x in new[] { -0.8, 0.1, 0.6 })
        {
            double expected = simplified.Evaluate(("x", x));
            Assert.Equal(expected, compiled(x), 1e-9 * Math.Max(1, Math.Abs(expected)));
            Assert.Equal(expected, raw.Evaluate(("x", x)), 1e-9 * Math.Max(1, Math.Abs(expected)));
        }
    }
}
