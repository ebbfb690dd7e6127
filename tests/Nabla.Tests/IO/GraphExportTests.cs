using Nabla.Autodiff;
using Nabla.IO;
using Nabla.Tensors;

namespace Nabla.Tests.IO;

/// <summary>Graphviz export of computational graphs: DOT text, node counts, and running (or missing) dot.</summary>
public class GraphExportTests
{
    private static Variable X() => new(Tensor.FromArray(new[,] { { 1.0, 2, 3 }, { 4, 5, 6 } }), "x");

    private static Variable TanhTimesX(out Variable x)
    {
        x = X();
        var y = F.Tanh(x) * x;
        y.Name = "y";
        return y;
    }

    [Fact]
    public void DotOfTanhTimesXHasEachNodeOnceAndEveryEdge()
    {
        var y = TanhTimesX(out _);
        string expected = """
            digraph g {
            v0 [label="y", color=orange, style=filled]
            v1 [label="", color=orange, style=filled]
            v2 [label="x", color=orange, style=filled]
            f0 [label="Mul", color=lightblue, style=filled, shape=box]
            v1 -> f0
            v2 -> f0
            f1 [label="Tanh", color=lightblue, style=filled, shape=box]
            v2 -> f1
            f0 -> v0
            f1 -> v1
            }

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), DotWriter.ToDot(y));
        Assert.Equal(5, Graph.NodeCount(y));
    }

    [Fact]
    public void VerboseLabelsShowShapeAndDType()
    {
        var y = TanhTimesX(out _);
        string dot = DotWriter.ToDot(y, verbose: true);
        Assert.Contains("v0 [label=\"y: (2,3) float64\", color=orange, style=filled]", dot);
        Assert.Contains("v1 [label=\"(2,3) float64\", color=orange, style=filled]", dot);
        Assert.Contains("v2 [label=\"x: (2,3) float64\", color=orange, style=filled]", dot);
        var s = F.Sum(new Variable(Tensor.Ones(DType.Float32, 4), "v"));
        Assert.Contains("label=\"v: (4,) float32\"", DotWriter.ToDot(s, verbose: true));
        Assert.Contains("label=\"() float32\"", DotWriter.ToDot(s, verbose: true));
    }

    [Fact]
    public void SharedSubgraphsAndLeavesAreCountedOnce()
    {
        var x = X();
        var a = F.Exp(x);
        var y = a * a + a;
        // Variables: y, a*a, a, x; functions: Add, Mul, Exp.
        Assert.Equal(7, Graph.NodeCount(y));
        string dot = DotWriter.ToDot(y);
        Assert.Equal(1, dot.Split('\n').Count(line => line.Contains("label=\"Exp\"")));
        string mul = dot.Split('\n').Single(line => line.Contains("label=\"Mul\"")).Split(' ')[0];
        // Both operands of a * a are drawn, from the one node of a.
        string operand = dot.Split('\n').Where(line => line.EndsWith("-> " + mul)).Distinct().Single().Split(' ')[0];
        Assert.Equal(2, dot.Split('\n').Count(line => line == $"{operand} -> {mul}"));
        Assert.Equal(1, Graph.NodeCount(x));
        Assert.Equal("digraph g {\nv0 [label=\"x\", color=orange, style=filled]\n}\n", DotWriter.ToDot(x));
    }

    [Fact]
    public void NamesAreEscaped()
    {
        var x = new Variable(Tensor.Scalar(1.0), "say \"hi\"\\now\nline");
        Assert.Contains("label=\"say \\\"hi\\\"\\\\now\\nline\"", DotWriter.ToDot(x));
    }

    [Fact]
    public void SaveImageWithoutDotSaysHowToInstallGraphvizAndKeepsTheDotFile()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-graph").FullName;
        try
        {
            var y = TanhTimesX(out _);
            string png = Path.Combine(dir, "graph.png");
            var ex = Assert.Throws<InvalidOperationException>(() => Graphviz.SaveImage(y, png, dotExecutable: "nabla-no-such-dot-executable"));
            string dotPath = Path.Combine(dir, "graph.dot");
            Assert.Contains("Graphviz's `dot` executable ('nabla-no-such-dot-executable') was not found", ex.Message);
            Assert.Contains("install the Debian package graphviz (apt-get install graphviz)", ex.Message, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"The DOT file was still written at {dotPath}", ex.Message);
            Assert.Equal(DotWriter.ToDot(y), File.ReadAllText(dotPath));
            Assert.False(File.Exists(png));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SaveImageRunsDotWithTheFormatOfTheExtension()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-graph").FullName;
        try
        {
            // A stand-in for dot that records its arguments and copies the DOT text into the output.
            string fake = FakeDot(dir, "echo \"$1 $2\" > \"$3\"; cat \"$4\" >> \"$3\"");
            var y = TanhTimesX(out _);
            string svg = Path.Combine(dir, "out.SVG");
            Graphviz.SaveImage(y, svg, verbose: true, dotExecutable: fake);
            Assert.Equal("-Tsvg -o\n" + DotWriter.ToDot(y, verbose: true), File.ReadAllText(svg));
            Assert.Equal(DotWriter.ToDot(y, verbose: true), File.ReadAllText(Path.Combine(dir, "out.dot")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SaveImageReportsAFailingDot()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-graph").FullName;
        try
        {
            string fake = FakeDot(dir, "echo 'Error: syntax error in line 1' >&2; exit 3");
            var ex = Assert.Throws<InvalidOperationException>(() => Graphviz.SaveImage(X(), Path.Combine(dir, "g.png"), dotExecutable: fake));
            Assert.Contains("exited with code 3: Error: syntax error in line 1", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void SaveImageToADotPathOnlyWritesTheDotText()
    {
        string dir = Directory.CreateTempSubdirectory("nabla-graph").FullName;
        try
        {
            string path = Path.Combine(dir, "g.dot");
            Graphviz.SaveImage(X(), path, dotExecutable: "nabla-no-such-dot-executable");
            Assert.Equal(DotWriter.ToDot(X()), File.ReadAllText(path));
            var ex = Assert.Throws<ArgumentException>(() => Graphviz.SaveImage(X(), Path.Combine(dir, "noextension")));
            Assert.StartsWith("Graphviz.SaveImage: path", ex.Message);
            Assert.Contains("has no extension", ex.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string FakeDot(string dir, string body)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the stand-in for dot is a POSIX shell script");
        string path = Path.Combine(dir, "fake-dot");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
