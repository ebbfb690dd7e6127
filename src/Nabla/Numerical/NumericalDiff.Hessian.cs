using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Numerical;

public static partial class NumericalDiff
{
    /// <summary>
    /// The Hessian of a scalar function at x, of shape x.shape + x.shape (float64), from second differences.
    /// Central: H[i, j] ≈ (f(+hᵢ, +hⱼ) − f(+hᵢ, −hⱼ) − f(−hᵢ, +hⱼ) + f(−hᵢ, −hⱼ)) / 4hᵢhⱼ, error O(h²) (on the diagonal
    /// this is the three-point formula with step 2h); Richardson combines it at h and h/2 (error O(h⁴)); Forward uses
    /// (f(+hᵢ, +hⱼ) − f(+hᵢ) − f(+hⱼ) + f(x)) / hᵢhⱼ, error O(h). Only i ≤ j is computed, so the result is
    /// exactly symmetric. Default steps are ε^(1/3), ε^(1/4) and ε^(1/6) times max(1, |xᵢ|), the balance of
    /// truncation against a round-off that grows as ε/h².
    /// </summary>
    public static Tensor Hessian(Func<Tensor, double> f, Tensor x, FiniteDifference scheme = FiniteDifference.Central, double? h = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var point = new Point(x, "Hessian");
        var steps = new double[point.Size];
        for (int i = 0; i < steps.Length; i++) steps[i] = SecondStep(scheme, point[i], h);
        var hessian = scheme switch
        {
            FiniteDifference.Forward => SecondDifferences(f, point, steps, central: false),
            FiniteDifference.Central => SecondDifferences(f, point, steps, central: true),
            FiniteDifference.Richardson => Extrapolated(f, point, steps),
            _ => throw UnknownScheme(scheme),
        };
        return Tensor.FromSpan<double>(hessian, [.. x.Shape, .. x.Shape]);
    }

    /// <summary>The Hessian of a scalar function written with Variables (evaluated without a graph).</summary>
    public static Tensor Hessian(Func<Variable, Variable> f, Tensor x, FiniteDifference scheme = FiniteDifference.Central, double? h = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Hessian(ScalarOf(f, "Hessian"), x, scheme, h);
    }

    private static double SecondStep(FiniteDifference scheme, double x, double? h)
    {
        double step = h ?? Scale(x) * scheme switch
        {
            FiniteDifference.Forward => Math.Cbrt(MachineEpsilon),
            FiniteDifference.Central => Math.Pow(MachineEpsilon, 1.0 / 4),
            FiniteDifference.Richardson => Math.Pow(MachineEpsilon, 1.0 / 6),
            _ => throw UnknownScheme(scheme),
        };
        return Step(scheme, x, step, "Hessian");
    }

    /// <summary>(4·H(h/2) − H(h)) / 3: the central formula's h² error terms cancel.</summary>
    private static double[] Extrapolated(Func<Tensor, double> f, Point point, double[] steps)
    {
        var coarse = SecondDifferences(f, point, steps, central: true);
        var fine = SecondDifferences(f, point, steps.Select(s => s / 2).ToArray(), central: true);
        return fine.Select((v, i) => (4 * v - coarse[i]) / 3).ToArray();
    }

    private static double[] SecondDifferences(Func<Tensor, double> f, Point point, double[] steps, bool central)
    {
        int n = point.Size;
        var hessian = new double[n * n];
        double f0 = central ? 0 : f(point.Work);
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                double hi = steps[i], hj = steps[j];
                double F(double si, double sj) => point.Moved(i, si * hi, j, sj * hj, f);
                double value = central
                    ? (F(1, 1) - F(1, -1) - F(-1, 1) + F(-1, -1)) / (4 * hi * hj)
                    : (F(1, 1) - F(1, 0) - F(0, 1) + f0) / (hi * hj);
                hessian[i * n + j] = hessian[j * n + i] = value;
            }
        }
        return hessian;
    }
}
