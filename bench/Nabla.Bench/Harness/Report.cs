using System.Globalization;
using System.Text;

namespace Nabla.Bench.Harness;

/// <summary>The results as a plain-text table for the console and as a markdown fragment.</summary>
internal static class Report
{
    private static readonly string[] Header =
        ["id", "workload", "figure", "work per rep", "reps", "Nabla", "TorchSharp", "Nabla/TorchSharp", "Nabla is", "spread N/T", "check", "Nabla managed memory", "extra Nabla / TorchSharp"];

    public static string Text(IReadOnlyList<Result> results)
    {
        var rows = results.Select(Row).Prepend(Header).ToArray();
        int[] widths = Enumerable.Range(0, Header.Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        var sb = new StringBuilder();
        foreach (var (row, index) in rows.Select((r, i) => (r, i)))
        {
            sb.AppendLine(string.Join("  ", row.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd());
            if (index == 0) sb.AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        }
        return sb.ToString();
    }

    public static string Markdown(IReadOnlyList<Result> results, IReadOnlyList<(string Name, string Value)> machine, string command)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in machine) sb.AppendLine($"- {name}: {value}");
        sb.AppendLine($"- command: `{command}`");
        sb.AppendLine();
        sb.AppendLine("| " + string.Join(" | ", Header) + " |");
        sb.AppendLine("|" + string.Concat(Header.Select(_ => "---|")));
        foreach (var row in results.Select(Row))
            sb.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|"))) + " |");
        return sb.ToString();
    }

    private static string[] Row(Result r) =>
    [
        r.Workload.Id,
        r.Workload.Name,
        r.Workload.Figure,
        r.Work,
        r.Nabla.Values.Count.ToString(CultureInfo.InvariantCulture),
        Format(r.Nabla.Median),
        Format(r.Torch.Median),
        r.Ratio.ToString("0.00", CultureInfo.InvariantCulture),
        r.Verdict,
        $"{Percent(r.Nabla.Spread)}/{Percent(r.Torch.Spread)}",
        r.ChecksAgree ? $"agree ({r.CheckDifference:0.0e+0})" : $"DIFFER ({r.CheckDifference:0.0e+0})",
        r.NablaMemory,
        $"{r.Nabla.Extra ?? "-"} / {r.Torch.Extra ?? "-"}",
    ];

    private static string Format(double v) => v switch
    {
        >= 100 => v.ToString("0", CultureInfo.InvariantCulture),
        >= 10 => v.ToString("0.0", CultureInfo.InvariantCulture),
        >= 1 => v.ToString("0.00", CultureInfo.InvariantCulture),
        _ => v.ToString("0.000", CultureInfo.InvariantCulture),
    };

    private static string Percent(double v) => (v * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
