using FsCheck.Xunit;
using Nabla.Autodiff;
using Nabla.Cli;
using Nabla.Symbolic;
using Nabla.Tensors;

namespace Nabla.Tests.Symbolic;

/// <summary>From recorded graphs to formulas (FromGraph) and from formulas to programs on Variables (ToFunction).</summary>
public class GraphTests
{
    private static Variable Scalar(double v, string? name = null) => new(Tensor.Scalar(v), name);

    [Fact]
    public void FromGraph_ReadsTheFormulaOfAProgram()
    {
        var x = Scalar(0.5, "x");
        var y = F.Sin(x) * F.Exp(x) + F.Pow(x, 2) / 2.0;
        var e = Expr.FromGraph(y, x);
        Assert.Equal("sin(x)*exp(x) + x^2/2", e.ToString());
        Assert.Equal(y.Data.Item(), e.Evaluate(("x", 0.5)), 15);
    }

    [Fact]
    public void FromGraph_EveryScalarFunction()
    {
        var x = Scalar(0.3, "x");
        var y = F.Tan(F.Tanh(F.Sigmoid(F.Abs(F.Sqrt(F.Log(F.Cos(-x) + 2.0) - 0.1)))));
        var e = Expr.FromGraph(y, x);
        Assert.Equal("tan(tanh(sigmoid(abs(sqrt(log(cos(-x) + 2) - 0.1)))))", e.ToString());
        Assert.Equal(y.Data.Item(), e.Evaluate(("x", 0.3)), 15);
    }

    [Fact]
    public void FromGraph_NamesLeaves_AndTurnsUnnamedOnesIntoNumbers()
    {
        var a = Scalar(2, "a");
        var u = Scalar(1.5);          // chosen input without a name: x0
        var v = Scalar(0.5);          // chosen input without a name: x1
        var c = Scalar(3);            // not chosen, unnamed: the number 3
        var y = a * u * u + c * v;
        Assert.Equal("a*x0*x0 + 3*x1", Expr.FromGraph(y, u, v).ToString());
        Assert.Equal("a*x*x + 3*0.5", Expr.FromGraph(y, u).ToString());
        Assert.Equal("a*1.5*1.5 + 3*0.5", Expr.FromGraph(y).ToString());
    }

    [Fact]
    public void FromGraph_ACutAtAChosenIntermediate_IsAVariable()
    {
        var x = Scalar(0.3, "x");
        var h = F.Sin(x);
        h.Name = "h";
        var y = F.Exp(h) * h;
        Assert.Equal("exp(h)*h", Expr.FromGraph(y, h).ToString());
        Assert.Equal("exp(sin(x))*sin(x)", Expr.FromGraph(y, x).ToString());
    }

    [Fact]
    public void FromGraph_SharedNodes_StayShared()
    {
        var x = Scalar(0.3, "x");
        var s = F.Sin(x);
        var y = s * s;
        var e = Expr.FromGraph(y, x);
        Assert.Same(e.Args[0], e.Args[1]);
    }

    [Fact]
    public void FromGraph_Unsupported_IsClear()
    {
        var x = new Variable(Tensor.FromArray(new double[] { 1, 2 }), "x");
        var ex = Assert.Throws<NotSupportedException>(() => Expr.FromGraph(F.Sum(x), x));
        Assert.Contains("function Sum has no symbolic form (supported: Add, Sub", ex.Message);
        var w = new Variable(Tensor.FromArray(new double[] { 1, 2 }));
        var ex2 = Assert.Throws<ArgumentException>(() => Expr.FromGraph(F.Sin(w) * x, x));
        Assert.Contains("unnamed leaf of shape (2) is neither an input nor a scalar constant", ex2.Message);
        Assert.Throws<ArgumentException>(() => Expr.FromGraph(F.Sin(Scalar(1, "my.name"))));
    }

    [Fact]
    public void ToFunction_BuildsTheSameComputation()
    {
        var e = Expr.Parse("x^2*y + sin(x*y) + 2^x + x^y + sign(x)");
        var f = e.ToFunction(["x", "y"]);
        var y = f([Scalar(0.7), Scalar(1.3)]);
        Assert.Equal(e.Evaluate(("x", 0.7), ("y", 1.3)), y.Data.Item(), 13);
        Assert.Equal(DType.Float64, y.DType);
    }

    [Fact]
    public void ToFunction_WorksElementwiseOnTensors()
    {
        var f = Expr.Parse("sin(x)*exp(x)").ToFunction("x");
        var xs = new Variable(Tensor.FromArray(new double[] { 0, 0.5, 1 }));
        var ys = f(xs).Data.ToDoubleArray();
        for (int i = 0; i < 3; i++)
        {
            double x = i * 0.5;
            Assert.Equal(Math.Sin(x) * Math.Exp(x), ys[i], 14);
        }
    }

    [Fact]
    public void ToFunction_BadArguments_AreClear()
    {
        var e = Expr.Parse("x*y");
        Assert.Contains("uses variable 'y', which is not among the parameters (x)", Assert.Throws<ArgumentException>(() => e.ToFunction("x")).Message);
        var f = e.ToFunction(["x", "y"]);
        Assert.Contains("takes 2 variables (x, y), got 1", Assert.Throws<ArgumentException>(() => f([Scalar(1)])).Message);
    }

    [Property(MaxTest = 200)]
    public void FromGraphOfToFunction_GivesTheFormulaBack(int seed)
    {
        var e = ExprGenerator.Random(seed);
        var x = Scalar(0.7, "x");
        var y = Scalar(1.3, "y");
        var back = Expr.FromGraph(e.ToFunction(["x", "y"])([x, y]), x, y);
        if (!e.UsesVariablePower()) Assert.Equal(e, back);
        double a = e.Evaluate(("x", 0.7), ("y", 1.3)), b = back.Evaluate(("x", 0.7), ("y", 1.3));
        Assert.True(a.Equals(b) || Math.Abs(a - b) <= 1e-12 * Math.Max(1, Math.Abs(a)), $"{e} = {a}, from the graph {back} = {b}");
    }

    /// <summary>The three ways on one program: backprop, and the symbolic derivative of the formula read from its graph.</summary>
    [Fact]
    public void SymbolicDerivativeOfARecordedProgram_MatchesBackprop()
    {
        static Variable Program(Variable x) => F.Tanh(x * 2.0) * F.Sigmoid(x) - F.Log(F.Pow(x, 2) + 1.0);
        var x = Scalar(0.4, "x");
        var y = Program(x);
        var formula = Expr.FromGraph(y, x);
        y.Backward();
        double symbolic = formula.Derive("x", 1, simplify: true).Evaluate(("x", 0.4));
        Assert.Equal(x.Grad!.Data.Item(), symbolic, 14);
        double second = formula.Derive("x", 2, simplify: true).Evaluate(("x", 0.4));
        Assert.Equal(AutodiffDerivatives.Reverse(v => Program(v[0]), [0.4], 0, 2), second, 13);
    }
}
