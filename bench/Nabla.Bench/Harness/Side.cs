namespace Nabla.Bench.Harness;

/// <summary>One system's timed figures for a workload, with the checks and extra figure of its last run.</summary>
internal sealed record Side(IReadOnlyList<double> Values, double[] Checks, string? Extra)
{
    public double Median => Stats.Median(Values);
    public double Spread => Stats.Spread(Values);
}
