namespace Nabla.Bench.Harness;

/// <summary>The parsed command line.</summary>
internal sealed record Options(
    IReadOnlyList<string> Only, bool Quick, int? Threads, int? Repetitions, string? Markdown, bool List, bool Help,
    bool Profile = false, string? Memory = null, bool Peak = false)
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
          --profile          instead of the benchmark: where an epoch's time goes (phases, each layer
                             alone, the optimizer) for the training workloads chosen by --only
                             (default W1, W2, W7), Nabla and TorchSharp side by side
          --memory SIDE      instead of the benchmark: train one system alone (SIDE = nabla, torch,
                             torch-gc or torch-finalizers) for the workload's test epochs (W1: 5,
                             W2: 2, W7: 5; --only picks one, default W1), reporting memory per epoch
          --peak             instead of the benchmark: the machine's float32 FMA peak and copy
                             bandwidth on one thread and on all (the limits the table is read against)
          --list             list the workloads and exit
          -h, --help         print this help
        """;

    public static Options Parse(string[] args)
    {
        var only = new List<string>();
        bool quick = false, list = false, help = false;
        int? threads = null, reps = null;
        string? markdown = null, memory = null;
        bool profile = false, peak = false;
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
                case "--profile": profile = true; break;
                case "--peak": peak = true; break;
                case "--memory": memory = MemorySide(Value()); break;
                case "-h" or "--help": help = true; break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (profile && memory is not null) throw new ArgumentException("--profile and --memory: choose one");
        return new Options(only, quick, threads, reps, markdown, list, help, profile, memory, peak);
    }

    /// <summary>The systems <c>--memory</c> can train alone.</summary>
    public static readonly string[] MemorySides = ["nabla", "torch", "torch-gc", "torch-finalizers"];

    private static string MemorySide(string text) =>
        MemorySides.Contains(text.ToLowerInvariant()) ? text.ToLowerInvariant()
            : throw new ArgumentException($"--memory: unknown side '{text}' (known: {string.Join(", ", MemorySides)})");

    private static int PositiveInt(string option, string text) =>
        int.TryParse(text, out int n) && n > 0 ? n : throw new ArgumentException($"{option}: needs a positive integer, got '{text}'");
}
