namespace Nabla.Bench.Harness;

/// <summary>Runs a workload: warm-ups, then timed repetitions with the two systems interleaved.</summary>
internal static class Runner
{
    /// <summary>The least time both systems spend warming up together before the timed repetitions.</summary>
    private static readonly TimeSpan MinWarmup = TimeSpan.FromSeconds(2);

    public static Result Run(IWorkload workload, RunSettings settings, Action<string> progress)
    {
        using var nabla = workload.CreateNabla(settings);
        using var torch = workload.CreateTorch(settings);
        int warmups = workload.Warmups(settings), reps = workload.Repetitions(settings);
        // Each workload starts from a collected heap (as BenchmarkDotNet does), so the garbage and pooled arrays an
        // earlier workload left do not tax this one's collections: W3 after W1 took 2x its time alone.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // At least the workload's warm-ups, and at least MinWarmup of them in all: .NET's tiered JIT moves a method to
        // optimized code only after 30 calls and a pause of 100 ms without new methods to compile, so a fast workload
        // run cold (W6 alone at two threads) timed its first reps as unoptimized code: 24-37 ms against 7 warm.
        var warm = System.Diagnostics.Stopwatch.StartNew();
        var minWarmup = settings.Quick ? TimeSpan.FromMilliseconds(200) : MinWarmup;
        for (int i = 0; i < warmups || warm.Elapsed < minWarmup; i++)
        {
            nabla.Run();
            nabla.AfterRun();
            torch.Run();
            torch.AfterRun();
        }
        var a = new List<double>(reps);
        var b = new List<double>(reps);
        var memory = new ManagedMemory();
        for (int i = 0; i < reps; i++)
        {
            // Interleaved so that drift (other load, thermal state) hits both systems alike.
            memory.Resume();
            a.Add(nabla.Run());
            memory.Pause();
            nabla.AfterRun();
            b.Add(torch.Run());
            torch.AfterRun();
            progress($"  {workload.Id} rep {i + 1}/{reps}: Nabla {a[^1]:G4}, TorchSharp {b[^1]:G4} {workload.Figure}");
        }
        var result = new Result(workload, workload.Describe(settings),
            new Side(a, nabla.Checks(), nabla.Extra()), new Side(b, torch.Checks(), torch.Extra()), memory.Summary(reps));
        if (!result.ChecksAgree)
            progress($"  {workload.Id} checks DIFFER: Nabla [{Join(result.Nabla.Checks)}], TorchSharp [{Join(result.Torch.Checks)}]");
        return result;
    }

    private static string Join(double[] values) => string.Join(", ", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
}
