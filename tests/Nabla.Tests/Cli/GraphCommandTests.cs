using Nabla.Cli;

namespace Nabla.Tests.Cli;

public sealed class GraphCommandTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("nabla-graph-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public void WritesTheDotGraphOfTheFourthDerivativeOfTanh()
    {
        var path = Path.Combine(dir, "tanh4.dot");
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Invoke(["graph", "tanh(x)", "--order", "4", "-o", path], output));
        // The fourth derivative is 8 t (1 - t^2)(2 - 3t^2) with t = tanh(x): 0.6650910448 at x = 1.
        double t = Math.Tanh(1), expected = 8 * t * (1 - t * t) * (2 - 3 * t * t);
        Assert.Contains("110 nodes", output.ToString());
        var dot = File.ReadAllText(path);
        Assert.StartsWith("digraph g {", dot);
        Assert.Contains("label=\"Tanh\"", dot);
        Assert.Contains("label=\"gx4\"", dot);
        Assert.Contains($"value {expected.ToString("G10", System.Globalization.CultureInfo.InvariantCulture)},", output.ToString());
    }

    [Fact]
    public void ZerothOrderIsTheFunctionItself()
    {
        var path = Path.Combine(dir, "f.dot");
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Invoke(["graph", "x*y + sin(y)", "--wrt", "y", "--at", "x=2,y=0", "--order", "0", "-o", path], output));
        Assert.Contains("d^0/dy^0", output.ToString());
        Assert.Contains("value 0,", output.ToString());
    }

    [Fact]
    public void PngGoesThroughGraphvizOrSaysHowToInstallIt()
    {
        var path = Path.Combine(dir, "g.png");
        var output = new StringWriter();
        try
        {
            Assert.Equal(0, CommandLine.Invoke(["graph", "tanh(x)", "--order", "2", "-o", path], output));
            Assert.Equal((byte)0x89, File.ReadAllBytes(path)[0]);
        }
        catch (CliError e)
        {
            Assert.Contains("graphviz", e.Message);
            Assert.True(File.Exists(Path.ChangeExtension(path, ".dot")));
        }
    }

    [Theory]
    [InlineData(new string[0], "which expression?")]
    [InlineData(new[] { "tanh(x" , "-o", "a.dot" }, "Parse error")]
    [InlineData(new[] { "tanh(x)", "--wrt", "z", "-o", "a.dot" }, "'z' does not occur")]
    [InlineData(new[] { "tanh(x)", "--order", "40", "-o", "a.dot" }, "too high")]
    [InlineData(new[] { "tanh(x)", "--order", "-1", "-o", "a.dot" }, "--order must be at least 0")]
    [InlineData(new[] { "3", "-o", "a.dot" }, "no variable")]
    [InlineData(new[] { "tanh(x)", "--at", "x=abc", "-o", "a.dot" }, "graph: --at: 'abc' is not a finite number")]
    public void BadInputIsOneClearLine(string[] args, string message)
    {
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["graph", .. args], TextWriter.Null));
        Assert.Contains(message, e.Message);
    }

    [Fact]
    public void SeveralVariablesNeedWrt()
    {
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["graph", "x*y", "-o", Path.Combine(dir, "g.dot")], TextWriter.Null));
        Assert.Contains("the expression has the variables x, y: say which one", e.Message);
        Assert.False(File.Exists(Path.Combine(dir, "g.dot")));
    }

    [Fact]
    public void AGraphTooLargeForGraphvizIsRefusedAndADotOneWarned()
    {
        string png = Path.Combine(dir, "big.png");
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["graph", "tanh(x)", "--order", "9", "-o", png], TextWriter.Null));
        Assert.Contains("too many for Graphviz", e.Message);
        Assert.Equal(1, e.ExitCode);
        Assert.False(File.Exists(png));
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Invoke(["graph", "tanh(x)", "--order", "9", "-o", Path.Combine(dir, "big.dot")], output));
        Assert.Contains("warning: the graph has", output.ToString());
    }
}
