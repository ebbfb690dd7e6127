namespace Nabla.GpuBench.Harness;

/// <summary>The milliseconds of each timed repetition (warm-ups excluded) and how many warm-ups ran.</summary>
internal sealed record Timing(IReadOnlyList<double> Milliseconds, int Warmups, bool CutByBudget)
{
    public double Median
    {
        get
        {
            var s = Milliseconds.Order().ToArray();
            return s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        }
    }

    public double Min => Milliseconds.Min();

    /// <summary>
    /// Runs <paramref name="once"/> (which returns its own milliseconds, so that per-repetition setup stays untimed)
    /// <paramref name="warmups"/> times, then up to <paramref name="reps"/> times. Past <paramref name="budgetSeconds"/>
    /// it stops early, after at least one warm-up and one repetition: a slow backend still gives a figure within the
    /// device script's timeout instead of no row at all.
    /// </summary>
    public static Timing Measure(Func<int, double> once, int warmups, int reps, double budgetSeconds)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int run = 0, doneWarmups = 0;
        bool cut = false;
        for (; doneWarmups < warmups; doneWarmups++)
        {
            if (doneWarmups > 0 && clock.Elapsed.TotalSeconds > budgetSeconds / 2) { cut = true; break; }
            once(run++);
        }
        var times = new List<double>();
        while (times.Count < reps)
        {
            // Would the next repetition (as long as the slowest so far) overrun the budget?
            if (times.Count > 0 && clock.Elapsed.TotalSeconds + times.Max() / 1000 > budgetSeconds) { cut = true; break; }
            times.Add(once(run++));
        }
        return new Timing(times, doneWarmups, cut);
    }
}
