using Nabla.Bench.Harness;

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
                Console.WriteLine($"{w.Id,-3} {w.Name,-14} {w.Figure,-26} {w.Describe(settings)}, {w.Repetitions(settings)} reps");
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
        return Run(workloads, settings, options, args);
    }

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
            string command = "dotnet run --project bench/Nabla.Bench -c Release" + (args.Length > 0 ? " -- " + string.Join(' ', args) : "");
            File.WriteAllText(options.Markdown, Report.Markdown(results, machine, command));
            Console.WriteLine($"markdown written to {options.Markdown}");
        }
        // A disagreement means the two systems did not do the same work: the timings would mean nothing.
        return results.All(r => r.ChecksAgree) ? 0 : 1;
    }
}
