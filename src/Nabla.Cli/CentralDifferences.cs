namespace Nabla.Cli;

/// <summary>
/// Numerical derivatives of any order by central differences, refined by Richardson extrapolation over a
/// shrinking step (Ridders' method): the comparison column of <c>nabla diff</c>, independent of every
/// derivative rule in Nabla.
/// </summary>
public static class CentralDifferences
{
    /// <summary>
    /// The <paramref name="order"/>-th derivative of <paramref name="f"/> at <paramref name="x"/>. From a
    /// starting step <paramref name="step"/> (default 0.1·max(1, |x|)) the step shrinks by 1.4 ten times and
    /// the table of extrapolations keeps the value whose neighbours agree best; this is done from the
    /// starting step and from a quarter and a sixteenth of it, and the best-agreeing result wins, so that a
    /// function that varies fast at the scale of the first step is still caught.
    /// </summary>
    public static double Derivative(Func<double, double> f, double x, int order = 1, double? step = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), $"CentralDifferences: order must be at least 1, got {order}");
        double h0 = step ?? 0.1 * Math.Max(1, Math.Abs(x));
        if (!(h0 > 0)) throw new ArgumentOutOfRangeException(nameof(step), $"CentralDifferences: step must be positive, got {h0}");
        double best = double.NaN, bestError = double.PositiveInfinity;
        foreach (var start in new[] { h0, h0 / 4, h0 / 16 })
        {
            double value = Ridders(f, x, order, start, out double error);
            if (error < bestError || double.IsNaN(best))
            {
                best = value;
                bestError = error;
            }
        }
        return best;
    }

    /// <summary>
    /// Ridders' method: central differences at steps h, h/1.4, h/1.4², ..., each column of the table cancelling
    /// the next even power of h from the error. All ten steps are tried (stopping at the first sign of rounding,
    /// as Numerical Recipes does, can stop on a lucky agreement at a step far too large).
    /// </summary>
    private static double Ridders(Func<double, double> f, double x, int order, double h, out double error)
    {
        const int Levels = 10;
        const double Shrink = 1.4, Shrink2 = Shrink * Shrink;
        double first = Difference(f, x, order, h);
        for (int tries = 0; !double.IsFinite(first) && tries < 20; tries++)
            first = Difference(f, x, order, h /= 4); // a probe left the domain (log of a negative): step closer
        var a = new double[Levels, Levels];
        a[0, 0] = first;
        double best = first;
        error = double.PositiveInfinity;
        for (int i = 1; i < Levels; i++)
        {
            h /= Shrink;
            a[0, i] = Difference(f, x, order, h);
            double factor = Shrink2;
            for (int j = 1; j <= i; j++)
            {
                a[j, i] = (a[j - 1, i] * factor - a[j - 1, i - 1]) / (factor - 1);
                factor *= Shrink2;
                double e = Math.Max(Math.Abs(a[j, i] - a[j - 1, i]), Math.Abs(a[j, i] - a[j - 1, i - 1]));
                if (e <= error)
                {
                    error = e;
                    best = a[j, i];
                }
            }
        }
        return best;
    }

    /// <summary>The n-th central difference Σ (−1)^k C(n,k) f(x + (n/2 − k)·h) / h^n, whose error has only even powers of h.</summary>
    public static double Difference(Func<double, double> f, double x, int order, double h)
    {
        double sum = 0, binomial = 1;
        for (int k = 0; k <= order; k++)
        {
            sum += (k % 2 == 0 ? 1 : -1) * binomial * f(x + (order / 2.0 - k) * h);
            binomial = binomial * (order - k) / (k + 1);
        }
        return sum / Math.Pow(h, order);
    }
}
