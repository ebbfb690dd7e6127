using System.ComponentModel;
using Nabla.Symbolic;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>The command line of <c>nabla diff "&lt;expr&gt;" [--wrt x] [--order n] [--at x=1] [--latex] [--swell N]</c>.</summary>
public sealed class DiffSettings : CommandSettings
{
    /// <summary>The formula to differentiate.</summary>
    [CommandArgument(0, "[formula]")]
    [Description("a formula: + - * / ^, unary minus, sin cos tan tanh sigmoid exp log sqrt abs sign (quote it)")]
    public string? Formula { get; init; }

    /// <summary>The variable to differentiate by (<c>--wrt</c>).</summary>
    [CommandOption("--wrt <VAR>")]
    [Description("the variable to differentiate by (default: the formula's only variable)")]
    public string? Wrt { get; init; }

    /// <summary>The order of the derivative (<c>--order</c>, 1 to 12).</summary>
    [CommandOption("--order <N>")]
    [Description("the order of the derivative, 1 to 12 (default 1)")]
    public int? Order { get; init; }

    /// <summary>The point to evaluate at (<c>--at x=1,y=2</c>).</summary>
    [CommandOption("--at <VALUES>")]
    [Description("also evaluate it there, e.g. x=1.5,y=2, by symbolic, forward, reverse and numerical differentiation")]
    public string? At { get; init; }

    /// <summary>Also print the derivative as LaTeX (<c>--latex</c>).</summary>
    [CommandOption("--latex")]
    [Description("also print the derivative as LaTeX")]
    public bool Latex { get; init; }

    /// <summary>Print the node counts of derivatives 1..N (<c>--swell</c>, 1 to 12).</summary>
    [CommandOption("--swell <N>")]
    [Description("print the node counts of derivatives 1..N (tree, simplified, DAG) as a Markdown table")]
    public int? Swell { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() => OptionChecks.First(
        Formula is null ? "diff: no formula given, e.g. nabla diff \"sin(x)*exp(x)\" --wrt x" : null,
        Wrt is not null && !Expr.IsVariableName(Wrt) ? $"diff: --wrt: '{Wrt}' is not a variable name" : null,
        OptionChecks.AtLeast("diff", "--order", Order, 1, 12),
        OptionChecks.AtLeast("diff", "--swell", Swell, 1, 12),
        At is null ? null : OptionChecks.Point("diff", At, out _));

    /// <summary>The values of <c>--at</c> ("x=1.5,y=2" gives x: 1.5, y: 2); null when not given.</summary>
    public Dictionary<string, double>? Point() => At is null ? null : OptionChecks.PointOrThrow("diff", At);
}
