namespace Nabla.Bench.Harness;

/// <summary>The parsed command line.</summary>
internal sealed record Options(
    IReadOnlyList<string> Only, bool Quick, int? Threads, int? Repetitions, string? Markdown, bool List, bool Help)
{
    public const string Usage =
        """
        Nabla.Bench - Nabla against TorchSharp (libtorch, CPU) on the workloads of WORKLOADS.md

        Usage: dotnet run --project bench/Nabla.Bench -c Release -- [options]

        Options:
          --only W3,W5       run only these workloads (ids or names, comma-separated)
          --quick            short run: fewer iterations and repetitions (a smoke test)
          --threads N        threads for both systems (default: each system's own default)
          --reps N           timed repetitions per system for every workload
          --markdown FILE    also write the results as a markdown fragment to FILE
          --list             list the workloads and exit
          -h, --help         print this help
        """;

    public static Options Parse(string[] args)
    {
        var only = new List<string>();
        bool quick = false, list = false, help = false;
        int? threads = null, reps = null;
        string? markdown = null;
        for (int i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]}: needs a value");
            switch (args[i])
            {
                case "--only": only.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--quick": quick = true; break;
                case "--threads": threads = PositiveInt("--threads", Value()); break;
                case "--reps": reps = PositiveInt("--reps", Value()); break;
                case "--markdown": markdown = Value(); break;
                case "--list": list = true; break;
                case "-h" or "--help": help = true; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        return new Options(only, quick, threads, reps, markdown, list, help);
    }

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, out int n) && n > 0 ? n : throw new ArgumentException($"{option}: needs a positive integer, got '{text}'");
}
