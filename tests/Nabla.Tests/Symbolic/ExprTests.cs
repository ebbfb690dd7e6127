using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>Building expressions: operators, factories, structural equality, bad names and numbers.</summary>
public class ExprTests
{
    private static readonly Expr X = Expr.Var("x");

    [Fact]
    public void Operators_BuildTheTree()
    {
        var e = Expr.Sin(X) * Expr.Exp(X) + X.Pow(2) / 2 - 1;
        Assert.Equal(ExprKind.Subtract, e.Kind);
        Assert.Equal("sin(x)*exp(x) + x^2/2 - 1", e.ToString());
        Assert.Equal(ExprKind.Negate, (-X).Kind);
        Assert.Equal(2.0, ((Expr)2).Value);
    }

    [Fact]
    public void Equality_IsStructural_AndHashesAgree()
    {
        var a = Expr.Parse("sin(x)*exp(x) + 2");
        var b = Expr.Sin(Expr.Var("x")) * Expr.Exp(Expr.Var("x")) + 2;
        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(Expr.Parse("x + y"), Expr.Parse("y + x")); // structure, not algebra
        Assert.Equal(Expr.Num(0.0), Expr.Num(-0.0));
        Assert.Equal(Expr.Num(0.0).GetHashCode(), Expr.Num(-0.0).GetHashCode());
        Assert.False(a == null);
        Assert.True((Expr?)null == null);
        Assert.Single(new HashSet<Expr> { a, b });
    }

    [Fact]
    public void Variables_AreSortedAndDistinct()
    {
        Assert.Equal(["a", "x", "y"], Expr.Parse("y*x + sin(a) + x").Variables());
        Assert.Empty(Expr.Parse("2 + 3").Variables());
        Assert.True(Expr.Parse("y*x").Contains("x"));
        Assert.False(Expr.Parse("y*x").Contains("z"));
    }

    [Fact]
    public void BadNamesAndNumbers_AreRefused()
    {
        Assert.Contains("'2x' is not a valid variable name", Assert.Throws<ArgumentException>(() => Expr.Var("2x")).Message);
        Assert.Contains("'sin' is a function name", Assert.Throws<ArgumentException>(() => Expr.Var("sin")).Message);
        Assert.Contains("is not a finite number", Assert.Throws<ArgumentException>(() => Expr.Num(double.NaN)).Message);
        Assert.Throws<ArgumentException>(() => Expr.Num(double.PositiveInfinity));
        Assert.Throws<ArgumentNullException>(() => Expr.Add(X, null!));
        Assert.Contains("Negate is not a function", Assert.Throws<ArgumentException>(() => Expr.Call(ExprKind.Negate, X)).Message);
        Assert.True(Expr.IsVariableName("x_1"));
        Assert.False(Expr.IsVariableName("exp"));
        Assert.False(Expr.IsVariableName("a-b"));
    }

    [Fact]
    public void Sizes_CountTreeAndDag()
    {
        var s = Expr.Sin(X);
        var e = s * s + s; // sin(x) three times in the tree, once in the DAG
        Assert.Equal(8, e.TreeSize()); // +, *, and three times sin(x)
        Assert.Equal(4, e.DagSize());  // +, *, sin, x
        Assert.Equal(e.TreeSize(), Expr.Parse(e.ToString()).TreeSize());
        Assert.Equal(e.DagSize(), Expr.Parse(e.ToString()).DagSize()); // distinct structures, shared or not in memory
    }

    [Fact]
    public void DeepTrees_FailWithAnException_NotAStackOverflow()
    {
        var e = X;
        for (int i = 0; i < 1_000_000; i++) e = Expr.Sin(e);
        Assert.Throws<InsufficientExecutionStackException>(() => e.Evaluate(("x", 1.0)));
        Assert.Throws<InsufficientExecutionStackException>(() => e.ToString());
        Assert.Throws<InsufficientExecutionStackException>(() => e.Derive("x"));
    }
}
