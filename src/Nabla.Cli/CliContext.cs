using Spectre.Console;

namespace Nabla.Cli;

/// <summary>
/// Where a command writes: its plain-text output, the Spectre console for tables and live progress on the same
/// stream, and whether that stream is a terminal (live progress, colours) or a file, a pipe or a test's writer.
/// </summary>
public sealed class CliContext
{
    /// <summary>A context writing to <paramref name="output"/>: the terminal when that is <see cref="System.Console.Out"/> and not redirected.</summary>
    public CliContext(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        Output = output;
        Interactive = ReferenceEquals(output, System.Console.Out) && !System.Console.IsOutputRedirected;
        Console = Interactive ? AnsiConsole.Console : AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
    }

    /// <summary>The command's plain-text output.</summary>
    public TextWriter Output { get; }

    /// <summary>A Spectre console on the same stream as <see cref="Output"/>.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>True when the output is a terminal: live progress and colours; false for a file, a pipe or a writer.</summary>
    public bool Interactive { get; }
}
