namespace Nabla.Bench.Harness;

/// <summary>Order statistics of repeated timings.</summary>
internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("Median: no values");
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>(max − min) / median: how much the repetitions disagree.</summary>
    public static double Spread(IEnumerable<double> values)
    {
        var list = values.ToArray();
        return (list.Max() - list.Min()) / Median(list);
    }
}
