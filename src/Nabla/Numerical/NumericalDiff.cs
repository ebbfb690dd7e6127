using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Numerical;

/// <summary>
/// Numerical differentiation by finite differences: derivatives, gradients, Jacobians and Hessians of functions
/// that can only be evaluated, and a gradient check of backprop against them. Everything is computed in float64.
/// The error of a difference is truncation (shrinks with the step h) plus round-off (grows as ε/h), so each
/// scheme has its own best step; when none is given, <see cref="DefaultStep"/> picks it. Functions are evaluated
/// at points written into one working tensor, which they must neither modify nor keep.
/// </summary>
public static partial class NumericalDiff
{
    /// <summary>
    /// The step that balances truncation against round-off for a first derivative at <paramref name="x"/>:
    /// √ε, ∛ε and ε^(1/5) times max(1, |x|) for forward, central and Richardson differences.
    /// </summary>
    public static double DefaultStep(FiniteDifference scheme, double x) => Scale(x) * scheme switch
    {
        FiniteDifference.Forward => Math.Sqrt(MachineEpsilon),
        FiniteDifference.Central => Math.Cbrt(MachineEpsilon),
        FiniteDifference.Richardson => Math.Pow(MachineEpsilon, 1.0 / 5),
        _ => throw UnknownScheme(scheme),
    };

    /// <summary>The spacing of doubles at 1 (2⁻⁵²); <see cref="double.Epsilon"/> is the smallest subnormal instead.</summary>
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The derivative f′(x) of a function of one number.</summary>
    public static double Derivative(Func<double, double> f, double x, FiniteDifference scheme = FiniteDifference.Central, double? h = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Estimate(s => [f(s)], x, scheme, Step(scheme, x, h, "Derivative"), null)[0];
    }

    /// <summary>The gradient of a scalar function of a tensor, one partial derivative per element (shape of x, float64).</summary>
    public static Tensor Gradient(Func<Tensor, double> f, Tensor x, FiniteDifference scheme = FiniteDifference.Central, double? h = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var point = new Point(x, "Gradient");
        double[]? atX = scheme == FiniteDifference.Forward ? [f(point.Work)] : null;
        var grad = new double[point.Size];
        for (int k = 0; k < grad.Length; k++)
        {
            double xk = point[k];
            grad[k] = Estimate(s => [point.At(k, s, f)], xk, scheme, Step(scheme, xk, h, "Gradient"), atX)[0];
        }
        return Tensor.FromSpan<double>(grad, x.Shape);
    }

    /// <summary>The gradient of a scalar function written with Variables (evaluated without a graph).</summary>
    public static Tensor Gradient(Func<Variable, Variable> f, Tensor x, FiniteDifference scheme = FiniteDifference.Central, double? h = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        return Gradient(ScalarOf(f, "Gradient"), x, scheme, h);
    }

    /// <summary>
    /// The Jacobian of f at x, of shape f(x).shape + x.shape (J[i, j] = ∂fᵢ/∂xⱼ for vectors), one column of
    /// differences per element of x.
    /// </summary>
    public static Tensor Jacobian(Func<Variable, Variable> f, Tensor x, FiniteDifference scheme = FiniteDifference.Central, double? h = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var point = new Point(x, "Jacobian");
        Func<Tensor, double[]> values = t => Evaluate(f, t).ToDoubleArray();
        var y0 = Evaluate(f, point.Work);
        double[] atX = y0.ToDoubleArray();
        int m = atX.Length, n = point.Size;
        var jac = new double[m * n];
        for (int j = 0; j < n; j++)
        {
            double xj = point[j];
            var column = Estimate(s => point.At(j, s, values), xj, scheme, Step(scheme, xj, h, "Jacobian"), atX);
            for (int i = 0; i < m; i++) jac[i * n + j] = column[i];
        }
        return Tensor.FromSpan<double>(jac, [.. y0.Shape, .. x.Shape]);
    }

    /// <summary>
    /// The first derivative of g at s by <paramref name="scheme"/> with step h, elementwise over g's values.
    /// Each difference divides by the step actually taken, (s + h) − s, not by h, which removes the error of
    /// rounding s + h. <paramref name="atS"/> is g(s) when the caller already has it.
    /// </summary>
    private static double[] Estimate(Func<double, double[]> g, double s, FiniteDifference scheme, double h, double[]? atS)
    {
        switch (scheme)
        {
            case FiniteDifference.Forward:
                double up = s + h;
                return Difference(g(up), atS ?? g(s), up - s);
            case FiniteDifference.Central:
                return Central(g, s, h);
            case FiniteDifference.Richardson:
                var coarse = Central(g, s, h);
                var fine = Central(g, s, h / 2);
                return fine.Select((v, i) => (4 * v - coarse[i]) / 3).ToArray();
            default:
                throw UnknownScheme(scheme);
        }
    }

    private static double[] Central(Func<double, double[]> g, double s, double h)
    {
        double up = s + h, down = s - h;
        return Difference(g(up), g(down), up - down);
    }

    private static double[] Difference(double[] a, double[] b, double step)
    {
        if (a.Length != b.Length)
            throw new InvalidOperationException($"NumericalDiff: f returned {a.Length} values at one point and {b.Length} at another");
        var d = new double[a.Length];
        for (int i = 0; i < d.Length; i++) d[i] = (a[i] - b[i]) / step;
        return d;
    }

    /// <summary>The given step (checked) or the default one for <paramref name="x"/>.</summary>
    private static double Step(FiniteDifference scheme, double x, double? h, string op)
    {
        double step = h ?? DefaultStep(scheme, x);
        if (!(step > 0) || double.IsInfinity(step))
            throw new ArgumentOutOfRangeException(nameof(h), $"NumericalDiff.{op}: step h must be positive and finite, got {step}");
        if (x + step == x)
            throw new ArgumentOutOfRangeException(nameof(h), $"NumericalDiff.{op}: step h = {step} is below the spacing of doubles at x = {x} (x + h == x)");
        return step;
    }

    private static double Scale(double x) => Math.Max(1.0, Math.Abs(x));

    private static ArgumentOutOfRangeException UnknownScheme(FiniteDifference scheme) =>
        new(nameof(scheme), $"NumericalDiff: unknown scheme {(int)scheme}");

    /// <summary>A Variable function as a scalar function of a tensor, evaluated without a graph.</summary>
    private static Func<Tensor, double> ScalarOf(Func<Variable, Variable> f, string op) => t =>
    {
        var y = Evaluate(f, t);
        if (y.Size != 1)
            throw new ArgumentException($"NumericalDiff.{op}: f must return a scalar, it returned shape {y.ShapeString}", nameof(f));
        return y.Item();
    };

    private static Tensor Evaluate(Func<Variable, Variable> f, Tensor t)
    {
        using (Config.NoGrad())
            return (f(new Variable(t)) ?? throw new InvalidOperationException("NumericalDiff: f returned null")).Data;
    }
}
