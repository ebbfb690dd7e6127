namespace Nabla.Numerical;

public static partial class NumericalDiff
{
    /// <summary>The steps of <see cref="ErrorTable"/>: 1e-1 down to 1e-12.</summary>
    private static readonly double[] TableSteps = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, 1e-11, 1e-12];

    /// <summary>
    /// Estimates f′(x) with steps 1e-1 … 1e-12 by one scheme, or by all three when <paramref name="scheme"/> is null,
    /// and tabulates each against <paramref name="exact"/>: truncation error dominates at large steps, round-off
    /// at small ones.
    /// </summary>
    public static ErrorTable ErrorTable(Func<double, double> f, double x, double exact, FiniteDifference? scheme = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (!double.IsFinite(x) || !double.IsFinite(exact))
            throw new ArgumentException($"NumericalDiff.ErrorTable: x and the exact derivative must be finite, got x = {x}, exact = {exact}");
        FiniteDifference[] schemes = scheme is { } one ? [one] : [FiniteDifference.Forward, FiniteDifference.Central, FiniteDifference.Richardson];
        var rows = new List<ErrorTableRow>();
        foreach (var h in TableSteps)
        {
            foreach (var s in schemes)
            {
                double estimate = Derivative(f, x, s, h);
                rows.Add(new ErrorTableRow(s, h, estimate, Math.Abs(estimate - exact)));
            }
        }
        return new ErrorTable(x, exact, schemes, TableSteps, rows);
    }
}
