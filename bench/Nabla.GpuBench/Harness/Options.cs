using System.Globalization;

namespace Nabla.GpuBench.Harness;

/// <summary>The command line: <c>--device D --only W1,W5 --reps N --quick --out FILE --data DIR --budget-s S</c>.</summary>
internal sealed record Options(string Device, IReadOnlyList<string>? Only, int? Reps, bool Quick, string? Out, string? DataDirectory,
    double BudgetSeconds, bool List)
{
    public const string Usage =
        "usage: nabla-gpubench [--device cuda|cuda:N|cpu|ilgpu-cpu] [--only W1,W2,W5,W6,R] [--reps N] [--quick]\n" +
        "                      [--out FILE] [--data DIR (data/mnist-10k)] [--budget-s SECONDS (per workload, default 60)] [--list]";

    /// <summary>Reads the arguments; throws <see cref="ArgumentException"/> with a message for people.</summary>
    public static Options Parse(string[] args)
    {
        var o = new Options("cuda", null, null, false, null, null, 60, false);
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--device" => o with { Device = Value() },
                "--only" => o with { Only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--reps" => o with { Reps = PositiveInt("--reps", Value()) },
                "--quick" => o with { Quick = true },
                "--out" => o with { Out = Value() },
                "--data" => o with { DataDirectory = Value() },
                "--budget-s" => o with { BudgetSeconds = PositiveDouble("--budget-s", Value()) },
                "--list" => o with { List = true },
                "-h" or "--help" => throw new ArgumentException(Usage),
                _ => throw new ArgumentException($"unknown argument '{args[i]}'\n{Usage}"),
            };
        }
        return o;
    }

    /// <summary>
    /// Whether workload <paramref name="id"/> was asked for: every one without --only; otherwise a token names an id
    /// or its family (W5 selects W5-4096 and W5-8192).
    /// </summary>
    public bool Selects(string id) =>
        Only is null || Only.Any(t => id.Equals(t, StringComparison.OrdinalIgnoreCase) || id.StartsWith(t + "-", StringComparison.OrdinalIgnoreCase));

    private static int PositiveInt(string name, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v : throw new ArgumentException($"{name}: expected a positive integer, got '{text}'");

    private static double PositiveDouble(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0
            ? v : throw new ArgumentException($"{name}: expected a positive number, got '{text}'");
}
