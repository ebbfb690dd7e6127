using System.Globalization;
using System.Text;

namespace Nabla.Bench.Harness;

/// <summary>A markdown table built row by row, for the reports of <c>--profile</c> and <c>--memory</c> (console and file alike).</summary>
internal sealed class MarkdownTable(params string[] header)
{
    private readonly List<string[]> rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != header.Length)
            throw new ArgumentException($"MarkdownTable: a row of {cells.Length} cells for {header.Length} columns");
        rows.Add(cells);
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| " + string.Join(" | ", header) + " |");
        sb.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows) sb.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|"))) + " |");
        return sb.ToString();
    }

    /// <summary>A number with three significant digits or so, as the benchmark table prints them; "-" for NaN.</summary>
    public static string Number(double v) => double.IsNaN(v) ? "-" : Math.Abs(v) switch
    {
        >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => v.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => v.ToString("0.00", CultureInfo.InvariantCulture),
        _ => v.ToString("0.000", CultureInfo.InvariantCulture),
    };
}
