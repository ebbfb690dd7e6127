using Spectre.Console;

namespace Nabla.Cli;

/// <summary><c>nabla info</c>: prints the version, runtime, CPU, SIMD support and thread count.</summary>
public static class InfoCommand
{
    /// <summary>Writes the info table to the console.</summary>
    public static void Run()
    {
        var table = new Table()
            .Border(TableBorder.Rounded)
            .Title("nabla info")
            .AddColumn(new TableColumn("Item"))
            .AddColumn(new TableColumn("Value"));

        foreach (var (name, value) in SystemInfo.Rows())
            table.AddRow(new Text(name), new Text(value));

        AnsiConsole.Write(table);
    }
}
