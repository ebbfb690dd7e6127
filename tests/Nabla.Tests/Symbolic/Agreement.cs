using Nabla.Cli;
using Nabla.Symbolic;

namespace Nabla.Tests.Symbolic;

/// <summary>
/// Checks that the n-th derivative of a formula has one value four ways: symbolic (Derive + Simplify, then
/// Evaluate and the compiled delegate), forward mode and reverse mode on the formula as a Nabla program
/// (<see cref="Expr.ToFunction(IReadOnlyList{string})"/>), and central differences.
/// </summary>
internal static class Agreement
{
    public static readonly string[] Names = ["x", "y"];

    /// <summary>
    /// Relative tolerance between symbolic and automatic differentiation (both exact up to rounding), relative
    /// to the larger of the values and their <see cref="RoundingScale"/>: when terms cancel, both sides carry
    /// rounding errors of the size of the terms, not of the small result.
    /// </summary>
    public const double Exact = 1e-12;

    /// <summary>Relative tolerance against central differences.</summary>
    public const double Numerical = 1e-6;

    /// <summary>|a − b| ≤ rtol·max(1, |a|, |b|, scale): relative for large values, absolute below 1.</summary>
    public static bool Close(double a, double b, double rtol, double scale = 0) =>
        a == b || Math.Abs(a - b) <= rtol * Math.Max(Math.Max(1, scale), Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>
    /// A first-order bound on the rounding error of evaluating <paramref name="e"/>, in units of machine
    /// epsilon: each node's own size plus its operands' scales times the node's sensitivity to them. Equal to
    /// |value| up to a small factor when nothing cancels; much larger when a small result comes out of big terms.
    /// </summary>
    public static double RoundingScale(Expr e, IReadOnlyDictionary<string, double> at)
    {
        var memo = new Dictionary<Expr, (double Value, double Scale)>(ReferenceEqualityComparer.Instance);
        (double V, double S) Walk(Expr n)
        {
            if (memo.TryGetValue(n, out var done)) return done;
            double v = n.Evaluate(at);
            double s;
            switch (n.Kind)
            {
                case ExprKind.Number: s = Math.Abs(v); break;
                case ExprKind.Variable: s = Math.Abs(v); break;
                case ExprKind.Add or ExprKind.Subtract: s = Walk(n.Args[0]).S + Walk(n.Args[1]).S; break;
                case ExprKind.Negate: s = Walk(n.Args[0]).S; break;
                case ExprKind.Multiply:
                {
                    var (a, sa) = Walk(n.Args[0]);
                    var (b, sb) = Walk(n.Args[1]);
                    s = sa * Math.Abs(b) + Math.Abs(a) * sb;
                    break;
                }
                case ExprKind.Divide:
                {
                    var (a, sa) = Walk(n.Args[0]);
                    var (b, sb) = Walk(n.Args[1]);
                    s = sa / Math.Abs(b) + Math.Abs(a) * sb / (b * b);
                    break;
                }
                case ExprKind.Power:
                {
                    var (a, sa) = Walk(n.Args[0]);
                    var (b, sb) = Walk(n.Args[1]);
                    s = Math.Abs(v) + Math.Abs(b * Math.Pow(a, b - 1)) * sa + (a > 0 ? Math.Abs(v * Math.Log(a)) * sb : 0);
                    break;
                }
                default:
                {
                    var (a, sa) = Walk(n.Args[0]);
                    s = Math.Abs(v) + Math.Abs(Slope(n.Kind, a, v)) * sa;
                    break;
                }
            }
            return memo[n] = (v, s);
        }
        return Walk(e).S;
    }

    /// <summary>A scale that came out infinite or NaN (the raw derivative divides by an exact 0 that simplification removed) says nothing.</summary>
    private static double Finite(double scale) => double.IsFinite(scale) ? scale : 0;

    private static double Slope(ExprKind f, double a, double v) => f switch
    {
        ExprKind.Exp => v,
        ExprKind.Log => 1 / a,
        ExprKind.Sqrt => 0.5 / v,
        ExprKind.Sin => Math.Cos(a),
        ExprKind.Cos => Math.Sin(a),
        ExprKind.Tan => 1 + v * v,
        ExprKind.Tanh => 1 - v * v,
        ExprKind.Sigmoid => v * (1 - v),
        ExprKind.Abs => 1,
        _ => 0,
    };

    /// <summary>
    /// Asserts the agreement for orders 1..maxOrder at (x, y). The numerical check of order n differentiates
    /// the symbolic (n−1)-th derivative once by central differences (so every order is held to 1e-6), and for
    /// n ≥ 2 also differentiates f itself n times, to a looser tolerance that n-th differences allow.
    /// </summary>
    public static void Assert(Expr f, double x, double y, int maxOrder, string wrt = "x")
    {
        double[] point = [x, y];
        int k = Array.IndexOf(Names, wrt);
        var program = f.ToFunction(Names);
        var compiledF = f.Compile(Names);
        var previous = f;
        for (int n = 1; n <= maxOrder; n++)
        {
            var d = f.Derive(wrt, n, simplify: true);
            double symbolic = d.Evaluate(("x", x), ("y", y));
            string where = $"d^{n}/d{wrt}^{n} of {f} at x={x}, y={y}: symbolic {d} = {symbolic}";
            Xunit.Assert.True(double.IsFinite(symbolic), where);
            var at = new Dictionary<string, double> { ["x"] = x, ["y"] = y };
            double scale = Math.Max(Finite(RoundingScale(d, at)), Finite(RoundingScale(f.Derive(wrt, n), at)));
            double compiled = d.Compile(Names)(point);
            Xunit.Assert.True(Close(symbolic, compiled, Exact, scale), $"{where}, compiled {compiled}");
            double forward = AutodiffDerivatives.Forward(program, point, k, n);
            Xunit.Assert.True(Close(symbolic, forward, Exact, scale), $"{where}, forward {forward} (scale {scale})");
            double reverse = AutodiffDerivatives.Reverse(program, point, k, n);
            Xunit.Assert.True(Close(symbolic, reverse, Exact, scale), $"{where}, reverse {reverse} (scale {scale})");
            var lower = previous.Compile(Names);
            double numeric = CentralDifferences.Derivative(t => lower(Along(point, k, t)), point[k]);
            Xunit.Assert.True(Close(symbolic, numeric, Numerical), $"{where}, central differences of d^{n - 1} {numeric}");
            if (n > 1)
            {
                double direct = CentralDifferences.Derivative(t => compiledF(Along(point, k, t)), point[k], n);
                Xunit.Assert.True(Close(symbolic, direct, DirectTolerance(n)), $"{where}, {n}-th central differences of f {direct}");
            }
            previous = d;
        }
    }

    /// <summary>n-th differences lose about 16/n·(n−1) digits to rounding before extrapolation wins them back.</summary>
    public static double DirectTolerance(int order) => order switch { 1 => 1e-6, 2 => 1e-5, 3 => 1e-4, _ => 1e-3 };

    private static double[] Along(double[] point, int k, double t)
    {
        var p = (double[])point.Clone();
        p[k] = t;
        return p;
    }

    /// <summary>
    /// True when f is smooth with a margin on [x − r, x + r] (y fixed), r covering every probe of the
    /// central differences: every denominator, log and sqrt argument, tan's cosine, abs argument and
    /// power's base keeps one sign and stays at least 0.05 from zero (bases of non-integer powers, log and sqrt
    /// arguments positive), all values stay below 1e4, and the derivatives at (x, y) below 1e5 and computable
    /// without cancelling more than 7 digits (else central differences of them measure rounding noise). Powers of a base
    /// near 0 are excluded even for integer exponents: automatic differentiation of u² three times computes
    /// 2·1·0·u⁻¹, which is NaN at u = 0 (it differentiates the program, not the function).
    /// </summary>
    public static bool IsSafeAround(Expr f, double x, double y, string wrt = "x", int maxOrder = 4)
    {
        var at0 = new Dictionary<string, double> { ["x"] = x, ["y"] = y };
        for (int n = 1; n <= maxOrder; n++)
        {
            var d = f.Derive(wrt, n, simplify: true);
            double v = Math.Abs(d.Evaluate(at0));
            if (!(v <= 1e5)) return false; // too steep to sample
            if (!(RoundingScale(d, at0) <= 1e7 * Math.Max(1, v))) return false; // big terms cancel: values too noisy to difference
        }
        double r = 0.35 * Math.Max(1, Math.Abs(wrt == "x" ? x : y));
        var guards = Guards(f).ToList();
        var nodes = UniqueNodes(f);
        var signs = new int[guards.Count];
        for (int s = 0; s <= 28; s++)
        {
            double t = (wrt == "x" ? x : y) - r + 2 * r * s / 28;
            var at = wrt == "x" ? new Dictionary<string, double> { ["x"] = t, ["y"] = y } : new() { ["x"] = x, ["y"] = t };
            foreach (var node in nodes)
            {
                double v = node.Evaluate(at);
                if (!double.IsFinite(v) || Math.Abs(v) > 1e4) return false;
            }
            for (int g = 0; g < guards.Count; g++)
            {
                var (e, positive) = guards[g];
                double v = e.Evaluate(at);
                if (!(Math.Abs(v) >= 0.05) || (positive && v < 0)) return false;
                int sign = Math.Sign(v);
                if (s > 0 && sign != signs[g]) return false;
                signs[g] = sign;
            }
        }
        return true;
    }

    private static List<Expr> UniqueNodes(Expr f)
    {
        var seen = new HashSet<Expr>();
        var stack = new Stack<Expr>([f]);
        while (stack.TryPop(out var e))
            if (seen.Add(e)) foreach (var a in e.Args) stack.Push(a);
        return [.. seen];
    }

    /// <summary>The quantities that must stay away from zero (and be positive, where flagged).</summary>
    private static IEnumerable<(Expr Quantity, bool Positive)> Guards(Expr f)
    {
        foreach (var e in UniqueNodes(f))
        {
            switch (e.Kind)
            {
                case ExprKind.Divide: yield return (e.Args[1], false); break;
                case ExprKind.Log or ExprKind.Sqrt: yield return (e.Args[0], true); break;
                case ExprKind.Tan: yield return (Expr.Cos(e.Args[0]), false); break;
                case ExprKind.Abs or ExprKind.Sign: yield return (e.Args[0], false); break;
                case ExprKind.Power:
                    var c = e.Args[1];
                    bool integer = c.IsNumber && c.Value == Math.Round(c.Value);
                    yield return (e.Args[0], !integer);
                    break;
            }
        }
    }
}
