using Nabla.Cli;

namespace Nabla.Tests.Cli;

/// <summary><c>nabla diff</c>, run in-process through <see cref="CommandLine.Run"/> with the console captured.</summary>
[Collection("Console")]
public class DiffCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (oldOut, oldErr) = (Console.Out, Console.Error);
        var (o, e) = (new StringWriter(), new StringWriter());
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            int code = CommandLine.Run(args);
            return (code, o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldErr);
        }
    }

    private static void AssertOneLineError(string err, string contains)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, $"expected one line on stderr, got:\n{err}");
        Assert.StartsWith("nabla: diff: ", lines[0]);
        Assert.Contains(contains, lines[0]);
        Assert.DoesNotContain("   at ", err);
    }

    [Fact]
    public void PrintsTheSimplifiedDerivative()
    {
        var (code, output, err) = Run("diff", "sin(x)*exp(x)", "--wrt", "x");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Equal($"f = sin(x)*exp(x){Environment.NewLine}df/dx = sin(x)*exp(x) + cos(x)*exp(x){Environment.NewLine}", output);
    }

    [Fact]
    public void WithAt_ComparesTheFourWays()
    {
        var (code, output, _) = Run("diff", "sin(x)*exp(x)", "--wrt", "x", "--at", "x=1");
        Assert.Equal(0, code);
        double expected = Math.Exp(1) * (Math.Sin(1) + Math.Cos(1));
        foreach (var method in new[] { "symbolic", "forward (tangent)", "reverse (backward)", "numerical (central diff.)" })
        {
            var row = output.Split('\n').Single(l => l.StartsWith($"│ {method} "));
            var cells = row.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            double value = double.Parse(cells[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(value - expected) <= 1e-9 * expected, $"{method}: {value} vs {expected}");
        }
        Assert.Contains("df/dx at x=1", output);
    }

    [Fact]
    public void HigherOrder_ManyVariables_AndLatex()
    {
        var (code, output, _) = Run("diff", "x^2*y + sin(x*y)", "--wrt", "y", "--order", "2", "--at", "x=1.5,y=2", "--latex");
        Assert.Equal(0, code);
        Assert.Contains("d^2f/dy^2 = -x^2*sin(x*y)", output);
        Assert.Contains(@"LaTeX: -x^{2} \sin\left(x y\right)", output);
        Assert.Contains("forward over 1x reverse", output);
        Assert.Contains("reverse (2x backward)", output);
        Assert.Contains("-0.3175200181347012", output);
    }

    [Fact]
    public void WrtDefaultsToTheOnlyVariable_AndTheEqualsForm()
    {
        var (code, output, _) = Run("diff", "t^3", "--order=2");
        Assert.Equal(0, code);
        Assert.Contains("d^2f/dt^2 = 6*t", output);
    }

    [Fact]
    public void DivisionByZero_ShowsIeeeValues()
    {
        var (code, output, _) = Run("diff", "1/x", "--at", "x=0");
        Assert.Equal(0, code);
        Assert.Contains("-Infinity", output);
    }

    [Fact]
    public void Swell_PrintsAMarkdownTable()
    {
        var (code, output, _) = Run("diff", "tanh(x)", "--swell", "3");
        Assert.Equal(0, code);
        Assert.Contains("|   n | textbook rules: tree | textbook rules: DAG | simplified: tree | simplified: DAG (CSE) |", output);
        Assert.Contains("| --: | -------------------: | ------------------: | ---------------: | --------------------: |", output);
        Assert.Contains("|   2 |                   30 |                  16 |               11 |                     8 |", output);
        Assert.Contains("d^3f/dx^3 simplified = 8*tanh(x)^2 - 6*tanh(x)^4 - 2", output);
    }

    [Fact]
    public void Help_AndTheMainUsageMentionDiff()
    {
        var (code, output, _) = Run("diff", "--help");
        Assert.Equal(0, code);
        Assert.Contains("nabla diff [formula] [OPTIONS]", output);
        Assert.Contains("--swell <N>", output);
        Assert.Contains("diff", Run("--help").Out);
    }

    [Theory]
    [InlineData("foo(x)", "Parse error at column 1 of \"foo(x)\": expected a known function")]
    [InlineData("sin(x", "Parse error at column 6 of \"sin(x\": expected ')' but found end of input")]
    [InlineData("(x + 1))", "this ')' has no matching '('")]
    public void BadFormula_OneLine_Exit1(string formula, string message)
    {
        var (code, output, err) = Run("diff", formula, "--wrt", "x");
        Assert.Equal(1, code);
        Assert.Equal("", output);
        AssertOneLineError(err, message);
    }

    [Fact]
    public void MissingValuesAndAmbiguity_Exit1()
    {
        var (code, _, err) = Run("diff", "x*y", "--wrt", "x", "--at", "x=1");
        Assert.Equal(1, code);
        AssertOneLineError(err, "Evaluate: variable 'y' has no value (given: x)");
        (code, _, err) = Run("diff", "x*y");
        Assert.Equal(1, code);
        AssertOneLineError(err, "the formula has the variables x, y: say which one with --wrt");
        (code, _, err) = Run("diff", "x*y", "--wrt", "x", "--at", "y=1");
        Assert.Equal(1, code);
        AssertOneLineError(err, "--at gives no value for x");
    }

    [Theory]
    [InlineData(new[] { "diff" }, "no formula given")]
    [InlineData(new[] { "diff", "x", "--bogus" }, "unknown option '--bogus'")]
    [InlineData(new[] { "diff", "x", "y" }, "unexpected argument 'y'")]
    [InlineData(new[] { "diff", "x", "--order", "abc" }, "--order must be an integer, got 'abc'")]
    [InlineData(new[] { "diff", "x", "--order", "0" }, "--order must be an integer from 1 to 12, got 0")]
    [InlineData(new[] { "diff", "x", "--order" }, "--order needs a value")]
    [InlineData(new[] { "diff", "x", "--wrt", "2x" }, "--wrt: '2x' is not a variable name")]
    [InlineData(new[] { "diff", "x", "--at", "x" }, "--at: 'x' is not of the form name=value")]
    [InlineData(new[] { "diff", "x", "--at", "x=abc" }, "--at: 'abc' is not a finite number")]
    [InlineData(new[] { "diff", "x", "--at", "x=1,x=2" }, "--at: x is given twice")]
    public void BadCommandLine_OneLine_Exit2(string[] args, string message)
    {
        var (code, output, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        AssertOneLineError(err, message);
    }

    [Fact]
    public void RunsWithWritersToo_WithoutTheConsole()
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, CommandLine.Run(["diff", "exp(x^2)", "--wrt", "x"], o, e));
        Assert.Contains("df/dx = 2*x*exp(x^2)", o.ToString());
    }

    [Fact]
    public void AVariableThatIsNotInTheFormulaIsNamed()
    {
        var (o, e) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, CommandLine.Run(["diff", "x^2", "--wrt", "y"], o, e));
        Assert.Contains("note: y does not occur in the formula (variables: x)", o.ToString());
        Assert.Contains("df/dy = 0", o.ToString());
        var (o2, e2) = (new StringWriter(), new StringWriter());
        Assert.Equal(0, CommandLine.Run(["diff", "x^2", "--wrt", "x"], o2, e2));
        Assert.DoesNotContain("note:", o2.ToString());
    }
}
