using System.Text;
using Nabla.Bench.Harness;
using Nabla.Bench.Training;

namespace Nabla.Bench;

/// <summary>Entry point: parse options, set threads, run the chosen workloads, print and save the table.</summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        Options options;
        IReadOnlyList<IWorkload> workloads;
        try
        {
            options = Options.Parse(args);
            workloads = Registry.Select(options.Only);
        }
        catch (ArgumentException e)
        {
            return UsageError(e.Message);
        }
        var settings = new RunSettings(options.Quick, options.Repetitions);
        if (options.Help)
        {
            Console.WriteLine(Options.Usage);
            return 0;
        }
        if (options.List)
        {
            foreach (var w in Registry.All)
                Console.WriteLine($"{w.Id,-5} {w.Name,-16} {w.Figure,-28} {w.Describe(settings)}, {w.Repetitions(settings)} reps");
            return 0;
        }
        if (options.Peak)
        {
            var machine = PrintMachine(settings);
            string peak = Peak.Run(settings, Console.WriteLine);
            Console.WriteLine();
            Console.Write(peak);
            WriteMarkdown(options, machine, args, peak);
            return 0;
        }
        try
        {
            Threads.Set(options.Threads);
        }
        catch (ArgumentException e)
        {
            return UsageError(e.Message);
        }
        if (options.Profile || options.Memory is not null)
        {
            var training = TrainingSelection(options);
            if (training is null)
                return UsageError(options.Profile
                    ? "--profile works on the training workloads W1, W1-gc, W2, W7"
                    : "--memory trains one of the training workloads W1, W1-gc, W2, W7 (--only with one of them)");
            return options.Profile ? Profile(training, settings, options, args) : Memory(training[0], options.Memory!, settings, options, args);
        }
        return Run(workloads, settings, options, args);
    }

    /// <summary>The training workloads named by --only (default W1, W2, W7 for --profile and W1 for --memory), or null.</summary>
    private static IReadOnlyList<TrainingWorkload>? TrainingSelection(Options options)
    {
        string[] defaults = options.Profile ? ["W1", "W2", "W7"] : ["W1"];
        var chosen = Registry.Select(options.Only.Count > 0 ? options.Only : defaults);
        if (chosen.Any(w => w is not TrainingWorkload)) return null;
        if (options.Memory is not null && chosen.Count != 1) return null;
        return chosen.Cast<TrainingWorkload>().ToArray();
    }

    private static int Profile(IReadOnlyList<TrainingWorkload> workloads, RunSettings settings, Options options, string[] args)
    {
        var machine = PrintMachine(settings);
        var sb = new StringBuilder();
        foreach (var w in workloads) sb.AppendLine(Profiler.Run(w, settings, Console.WriteLine));
        Console.WriteLine();
        Console.Write(sb);
        WriteMarkdown(options, machine, args, sb.ToString());
        return 0;
    }

    private static int Memory(TrainingWorkload workload, string side, RunSettings settings, Options options, string[] args)
    {
        var machine = PrintMachine(settings);
        string report = MemoryRun.Run(workload, side, settings, Console.WriteLine);
        Console.WriteLine();
        Console.Write(report);
        WriteMarkdown(options, machine, args, report);
        return 0;
    }

    private static IReadOnlyList<(string Name, string Value)> PrintMachine(RunSettings settings)
    {
        var machine = Machine.Describe();
        foreach (var (name, value) in machine) Console.WriteLine($"{name,-11} {value}");
        if (settings.Quick) Console.WriteLine("mode        --quick: a smoke test, not a measurement");
        Console.WriteLine();
        return machine;
    }

    private static void WriteMarkdown(Options options, IReadOnlyList<(string Name, string Value)> machine, string[] args, string body)
    {
        if (options.Markdown is null) return;
        var sb = new StringBuilder();
        foreach (var (name, value) in machine) sb.AppendLine($"- {name}: {value}");
        if (Machine.LoadAverage() is { } load) sb.AppendLine($"- load at end: {load}");
        sb.AppendLine($"- command: `{Command(args)}`");
        sb.AppendLine();
        sb.Append(body);
        File.WriteAllText(options.Markdown, sb.ToString());
        Console.WriteLine($"markdown written to {options.Markdown}");
    }

    private static string Command(string[] args) =>
        "dotnet run --project bench/Nabla.Bench -c Release --no-build" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");

    private static int UsageError(string message)
    {
        Console.Error.WriteLine($"Nabla.Bench: {message}");
        Console.Error.WriteLine("Run with --help for usage.");
        return 2;
    }

    private static int Run(IReadOnlyList<IWorkload> workloads, RunSettings settings, Options options, string[] args)
    {
        var machine = Machine.Describe();
        foreach (var (name, value) in machine) Console.WriteLine($"{name,-11} {value}");
        if (settings.Quick) Console.WriteLine("mode        --quick: a smoke test, not a measurement");
        Console.WriteLine();
        var results = new List<Result>();
        foreach (var w in workloads)
        {
            Console.WriteLine($"{w.Id} {w.Name}: {w.Describe(settings)} ...");
            results.Add(Runner.Run(w, settings, Console.WriteLine));
        }
        Console.WriteLine();
        Console.Write(Report.Text(results));
        if (Machine.LoadAverage() is { } load)
        {
            Console.WriteLine($"load at end: {load} (1/5/15 min) on {Environment.ProcessorCount} cores");
            machine = [.. machine, ("load at end", load)];
        }
        if (options.Markdown is not null)
        {
            File.WriteAllText(options.Markdown, Report.Markdown(results, machine, Command(args)));
            Console.WriteLine($"markdown written to {options.Markdown}");
        }
        // A disagreement means the two systems did not do the same work: the timings would mean nothing.
        return results.All(r => r.ChecksAgree) ? 0 : 1;
    }
}
