using System.Diagnostics;

namespace Nabla.Bench.Training;

/// <summary>
/// Stopwatch breakdown of a training epoch for <c>--profile</c>: <see cref="Mark"/> ends the current phase and starts
/// the named one, so the phases of a step add up to the step. Also the garbage collections and their pause time over
/// the epoch (a collection pauses whichever phase allocated when it struck, so GC time is part of the phases, not
/// added to them). Trainers take it as an optional argument: without one, timing costs nothing.
/// </summary>
internal sealed class Phases
{
    private readonly Dictionary<string, long> ticks = [];
    private readonly List<string> order = [];
    private string? current;
    private long since;
    private TimeSpan pauseAtStart;
    private readonly int[] collectionsAtStart = new int[3];

    /// <summary>Milliseconds per phase, in the order the phases first appeared.</summary>
    public IReadOnlyList<(string Name, double Milliseconds)> Totals =>
        order.Select(name => (name, ticks[name] * 1000.0 / Stopwatch.Frequency)).ToArray();

    /// <summary>GC pause time during the epoch (ms) and the gen0/gen1/gen2 collections.</summary>
    public (double PauseMs, int Gen0, int Gen1, int Gen2) Gc { get; private set; }

    /// <summary>Starts the clock for the epoch (GC counters included).</summary>
    public void Begin()
    {
        pauseAtStart = GC.GetTotalPauseDuration();
        for (int g = 0; g < 3; g++) collectionsAtStart[g] = GC.CollectionCount(g);
    }

    /// <summary>Ends the current phase (if any) and starts <paramref name="phase"/>.</summary>
    public void Mark(string phase)
    {
        long now = Stopwatch.GetTimestamp();
        Close(now);
        current = phase;
        since = now;
    }

    /// <summary>Ends the current phase and the epoch's GC accounting.</summary>
    public void End()
    {
        Close(Stopwatch.GetTimestamp());
        current = null;
        int Delta(int g) => GC.CollectionCount(g) - collectionsAtStart[g];
        Gc = ((GC.GetTotalPauseDuration() - pauseAtStart).TotalMilliseconds, Delta(0), Delta(1), Delta(2));
    }

    private void Close(long now)
    {
        if (current is null) return;
        if (!ticks.ContainsKey(current))
        {
            ticks[current] = 0;
            order.Add(current);
        }
        ticks[current] += now - since;
    }
}
