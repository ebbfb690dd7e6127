using System.Globalization;
using Nabla.Symbolic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>
/// <c>nabla diff "&lt;expr&gt;" --wrt x [--order n] [--at x=1.5,y=2] [--latex] [--swell N]</c>: prints the
/// simplified derivative; with <c>--at</c>, its value by symbolic, forward, reverse and numerical
/// differentiation side by side; with <c>--swell</c>, how the n-th derivative grows as a tree, simplified and as a DAG.
/// </summary>
public sealed class DiffCommand(CliContext cli) : Command<DiffSettings>
{
    /// <summary>Exit code for input that is well-formed on the command line but wrong (a bad formula, a missing value).</summary>
    public const int InputError = 1;

    /// <summary>Prints the derivative (and with --at its values, with --swell the node counts); returns the exit code.</summary>
    public override int Execute(CommandContext context, DiffSettings settings, CancellationToken cancellationToken)
    {
        var options = new Options(settings.Formula!, settings.Wrt, settings.Order ?? 1, settings.Point(), settings.Latex, settings.Swell ?? 0);
        try
        {
            return Execute(options, cli.Output);
        }
        catch (Exception e) when (e is ExprParseException or ArgumentException or NotSupportedException or InvalidOperationException or InsufficientExecutionStackException)
        {
            var message = e is ArgumentException { ParamName: { } p } ? e.Message.Replace($" (Parameter '{p}')", "") : e.Message;
            throw new CliError($"diff: {message}", InputError);
        }
    }

    private sealed record Options(string Formula, string? Wrt, int Order, Dictionary<string, double>? At, bool Latex, int Swell);

    private static int Execute(Options o, TextWriter output)
    {
        var f = Expr.Parse(o.Formula);
        var variables = f.Variables();
        var wrt = o.Wrt ?? variables.Count switch
        {
            0 => "x",
            1 => variables[0],
            _ => throw new ArgumentException($"the formula has the variables {string.Join(", ", variables)}: say which one with --wrt"),
        };
        if (o.Wrt is not null && !variables.Contains(o.Wrt))
            output.WriteLine($"note: {o.Wrt} does not occur in the formula (variables: {(variables.Count == 0 ? "none" : string.Join(", ", variables))}), so its derivatives by {o.Wrt} are 0");
        if (o.Swell > 0)
        {
            WriteSwell(f, wrt, o.Swell, output);
            return 0;
        }
        var derivative = f.Derive(wrt, o.Order, simplify: true);
        var name = o.Order == 1 ? $"df/d{wrt}" : $"d^{o.Order}f/d{wrt}^{o.Order}";
        output.WriteLine($"f = {f}");
        output.WriteLine($"{name} = {derivative}");
        if (o.Latex) output.WriteLine($"LaTeX: {derivative.ToLatex()}");
        if (o.At is not null) WriteComparison(f, derivative, wrt, o.Order, o.At, name, output);
        return 0;
    }

    /// <summary>The derivative's value four ways, each with its difference from the symbolic value.</summary>
    private static void WriteComparison(Expr f, Expr derivative, string wrt, int order, Dictionary<string, double> at, string name, TextWriter output)
    {
        if (!at.ContainsKey(wrt))
            throw new ArgumentException($"--at gives no value for {wrt}, the variable of differentiation");
        var names = at.Keys.ToArray();
        var point = names.Select(n => at[n]).ToArray();
        int k = Array.IndexOf(names, wrt);
        double value = f.Evaluate(at); // names a variable without a value before any work is done
        double symbolic = derivative.Evaluate(at);
        var program = f.ToFunction(names);
        double forward = AutodiffDerivatives.Forward(program, point, k, order);
        double reverse = AutodiffDerivatives.Reverse(program, point, k, order);
        var compiled = f.Compile(names);
        double numerical = CentralDifferences.Derivative(t =>
        {
            var p = (double[])point.Clone();
            p[k] = t;
            return compiled(p);
        }, point[k], order);

        var where = string.Join(", ", names.Select(n => $"{n}={Format(at[n])}"));
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title(new TableTitle(Markup.Escape($"{name} at {where}   (f = {Format(value)})")))
            .AddColumn("method")
            .AddColumn(new TableColumn("value").RightAligned())
            .AddColumn(new TableColumn("minus symbolic").RightAligned());
        var forwardName = order == 1 ? "forward (tangent)" : $"forward over {order - 1}x reverse";
        var reverseName = order == 1 ? "reverse (backward)" : $"reverse ({order}x backward)";
        foreach (var (method, v) in new[]
                 {
                     ("symbolic", symbolic), (forwardName, forward), (reverseName, reverse),
                     ("numerical (central diff.)", numerical),
                 })
            table.AddRow(new Text(method), new Text(Format(v)), new Text(method == "symbolic" ? "" : Format(v - symbolic)));
        SpectreConsole(output).Write(table);
    }

    /// <summary>
    /// Node counts of derivatives 1..n as a Markdown table: the textbook rules applied n times, as a tree and
    /// as a DAG (common sub-expressions shared); simplified after each step, as a tree and as a DAG.
    /// </summary>
    private static void WriteSwell(Expr f, string wrt, int n, TextWriter output)
    {
        string[] header = ["n", "textbook rules: tree", "textbook rules: DAG", "simplified: tree", "simplified: DAG (CSE)"];
        var rows = new List<string[]>();
        Expr raw = f, simplified = f;
        for (int i = 1; i <= n; i++)
        {
            raw = raw.Derive(wrt);
            simplified = simplified.Derive(wrt).Simplify();
            rows.Add([Count(i), Count(raw.TreeSize()), Count(raw.DagSize()), Count(simplified.TreeSize()), Count(simplified.DagSize())]);
        }
        var widths = header.Select((h, c) => Math.Max(Math.Max(3, h.Length), rows.Max(r => r[c].Length))).ToArray();
        string Line(IEnumerable<string> cells) => "| " + string.Join(" | ", cells) + " |";
        output.WriteLine($"Node counts of d^n/d{wrt}^n of {f}:");
        output.WriteLine();
        output.WriteLine(Line(header.Select((h, c) => h.PadLeft(widths[c]))));
        output.WriteLine(Line(widths.Select(w => new string('-', w - 1) + ":")));
        foreach (var r in rows) output.WriteLine(Line(r.Select((v, c) => v.PadLeft(widths[c]))));
        output.WriteLine();
        output.WriteLine($"d^{n}f/d{wrt}^{n} simplified = {simplified}");
    }

    private static string Count(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A Spectre console writing to <paramref name="output"/> (a test's StringWriter, or the terminal).</summary>
    private static IAnsiConsole SpectreConsole(TextWriter output) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(output),
        Interactive = InteractionSupport.No,
    });

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
