using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary><c>nabla info</c>: prints the version, runtime, CPU, SIMD support and thread count.</summary>
public sealed class InfoCommand(CliContext cli) : Command
{
    /// <summary>Writes the info table.</summary>
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("nabla info")
            .AddColumn(new TableColumn("Item"))
            .AddColumn(new TableColumn("Value"));

        foreach (var (name, value) in SystemInfo.Rows())
            table.AddRow(new Text(name), new Text(value));

        cli.Console.Write(table);
        return 0;
    }
}
