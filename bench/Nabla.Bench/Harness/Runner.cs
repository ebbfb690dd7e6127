namespace Nabla.Bench.Harness;

/// <summary>Runs a workload: warm-ups, then timed repetitions with the two systems interleaved.</summary>
internal static class Runner
{
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
        for (int i = 0; i < warmups; i++)
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
