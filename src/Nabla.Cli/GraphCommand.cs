using System.Globalization;
using Nabla.Autodiff;
using Nabla.IO;
using Nabla.Symbolic;
using Nabla.Tensors;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>
/// <c>nabla graph "tanh(x)" --order 4 -o tanh4.png</c>: the computational graph of the n-th derivative
/// built by double backprop (DeZero's famous picture), as DOT text or an image through Graphviz.
/// </summary>
public sealed class GraphCommand(CliContext cli) : Command<GraphSettings>
{
    /// <summary>The largest graph drawn to PNG or SVG through Graphviz.</summary>
    public const int MaxLayoutNodes = 5000;

    /// <summary>Draws the graph and writes it; returns the exit code.</summary>
    public override int Execute(CommandContext context, GraphSettings settings, CancellationToken cancellationToken)
    {
        var output = cli.Output;
        int order = settings.Order ?? 1;
        Expr expr;
        try
        {
            expr = Expr.Parse(settings.Expression!);
        }
        catch (ExprParseException e)
        {
            throw new CliError($"graph: {e.Message}");
        }
        var names = expr.Variables();
        if (names.Count == 0) throw new CliError("graph: the expression has no variable to differentiate by");
        var wrt = settings.Wrt ?? (names.Count == 1 ? names[0]
            : throw new CliError($"graph: the expression has the variables {string.Join(", ", names)}: say which one to differentiate by with --wrt"));
        if (!names.Contains(wrt)) throw new CliError($"graph: '{wrt}' does not occur in the expression (variables: {string.Join(", ", names)})");
        var values = Bindings(settings.At, names);
        var inputs = names.Select(n => new Variable(Tensor.Scalar(values[n]), n)).ToArray();
        var x = inputs[names.ToList().IndexOf(wrt)];
        var y = expr.ToFunction(names)(inputs);
        y.Name = "y";
        for (int k = 1; k <= order; k++)
        {
            x.ClearGrad();
            y.Backward(createGraph: true);
            y = x.Grad ?? new Variable(Tensor.Scalar(0.0));
            y.Name = $"gx{k}";
        }
        var path = settings.Out ?? DefaultPath(settings.Expression!, order);
        int nodes = Graph.NodeCount(y);
        bool dot = path.EndsWith(".dot", StringComparison.OrdinalIgnoreCase);
        // Graphviz's layout time grows much faster than the node count: past a few thousand nodes it takes minutes.
        if (nodes > MaxLayoutNodes && !dot)
            throw new CliError($"graph: the graph of order {order} has {nodes:N0} nodes, too many for Graphviz to lay out in reasonable time (at most {MaxLayoutNodes:N0}): lower --order or write a .dot file", 1);
        if (nodes > MaxLayoutNodes)
            output.WriteLine($"warning: the graph has {nodes:N0} nodes; Graphviz will take minutes or more to draw it");
        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder) Directory.CreateDirectory(folder);
            if (dot)
                File.WriteAllText(path, DotWriter.ToDot(y, settings.Verbose));
            else
                Graphviz.SaveImage(y, path, settings.Verbose);
        }
        catch (InvalidOperationException e)
        {
            throw new CliError($"graph: {e.Message}", 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliError($"graph: cannot write '{path}': {e.Message}", 1);
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"d^{order}/d{wrt}^{order} of {expr} at {wrt}={values[wrt]}: value {y.Data.Item():G10}, {nodes} nodes; wrote {path}"));
        return 0;
    }

    /// <summary>
    /// Where a graph goes without <c>-o</c>: a .dot file (no Graphviz needed) under <c>runs/graph/</c>, named after the
    /// expression and the order, so that nothing lands loose in the current folder.
    /// </summary>
    public static string DefaultPath(string expression, int order)
    {
        var name = new string(expression.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (name.Contains("--", StringComparison.Ordinal)) name = name.Replace("--", "-", StringComparison.Ordinal);
        if (name.Length > 40) name = name[..40].TrimEnd('-');
        return Path.Combine("runs", "graph", $"{(name.Length == 0 ? "graph" : name)}-order{order}.dot");
    }

    private static Dictionary<string, double> Bindings(string? text, IReadOnlyList<string> names)
    {
        var values = names.ToDictionary(n => n, _ => 1.0);
        if (text is null) return values;
        foreach (var (name, v) in OptionChecks.PointOrThrow("graph", text))
        {
            if (!values.ContainsKey(name))
                throw new CliError($"graph: --at names '{name}', which does not occur in the expression (variables: {string.Join(", ", names)})");
            values[name] = v;
        }
        return values;
    }
}
