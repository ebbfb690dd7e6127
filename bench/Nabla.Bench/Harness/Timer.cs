using System.Diagnostics;

namespace Nabla.Bench.Harness;

/// <summary>Elapsed time of a region in the units the figures use.</summary>
internal readonly struct Timer
{
    private readonly long start;

    private Timer(long start) => this.start = start;

    public static Timer Start() => new(Stopwatch.GetTimestamp());

    public double Seconds => Stopwatch.GetElapsedTime(start).TotalSeconds;
    public double Milliseconds => Seconds * 1e3;
    public double Microseconds => Seconds * 1e6;
}
