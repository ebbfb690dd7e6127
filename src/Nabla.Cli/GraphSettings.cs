using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>The command line of <c>nabla graph "tanh(x)" --order 4 -o tanh4.png</c>.</summary>
public sealed class GraphSettings : CommandSettings
{
    /// <summary>The formula whose derivative's graph is drawn.</summary>
    [CommandArgument(0, "[expression]")]
    [Description("a formula, e.g. \"tanh(x)\" (quote it)")]
    public string? Expression { get; init; }

    /// <summary>The order of the derivative (<c>--order</c>, 0 to 12).</summary>
    [CommandOption("--order <N>")]
    [Description("the order of the derivative, 0 (the function) to 12 (default 1)")]
    public int? Order { get; init; }

    /// <summary>The file to write (<c>-o</c>); by default a .dot file under runs/graph/.</summary>
    [CommandOption("-o|--out <FILE>")]
    [Description(".dot, or .png/.svg through Graphviz's dot (default: runs/graph/<expression>-order<N>.dot)")]
    public string? Out { get; init; }

    /// <summary>The variable to differentiate by (<c>--wrt</c>).</summary>
    [CommandOption("--wrt <VAR>")]
    [Description("the variable to differentiate by (default: the formula's only variable)")]
    public string? Wrt { get; init; }

    /// <summary>Where to evaluate (<c>--at x=1,y=2</c>).</summary>
    [CommandOption("--at <VALUES>")]
    [Description("the point, e.g. x=1.5,y=2 (default: every variable 1)")]
    public string? At { get; init; }

    /// <summary>Label nodes with values and shapes (<c>--verbose</c>).</summary>
    [CommandOption("--verbose")]
    [Description("label the nodes with their values and shapes")]
    public bool Verbose { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() => OptionChecks.First(
        Expression is null ? "graph: which expression? e.g. nabla graph \"tanh(x)\" --order 4 -o tanh4.png" : null,
        OptionChecks.AtLeast("graph", "--order", Order, 0),
        Order > 12 ? $"graph: --order {Order} is too high (the graph grows exponentially; at most 12)" : null,
        At is null ? null : OptionChecks.Point("graph", At, out _));
}
