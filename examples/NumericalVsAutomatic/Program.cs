// Finite differences against forward- and reverse-mode automatic differentiation on one function.
// Run: dotnet run --project examples/NumericalVsAutomatic -c Release -- [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Numerical;
using Nabla.Tensors;

namespace Nabla.Examples.NumericalVsAutomatic;

/// <summary>
/// f(x) = exp(sin x)·x² at x = 1.5: the error of forward, central and Richardson differences for steps 1e-1 to
/// 1e-12 (truncation shrinks with h, round-off grows as ε/h, so each has a best step and none reaches full
/// precision), then forward mode (one JVP), reverse mode (one backward pass) and a second derivative by double
/// backprop, all within a few units in the last place of the closed form.
/// </summary>
public static class Program
{
    /// <summary>The point of differentiation.</summary>
    public const double X = 1.5;

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>f on plain numbers, for finite differences.</summary>
    public static double Value(double x) => Math.Exp(Math.Sin(x)) * x * x;

    /// <summary>f on variables, for automatic differentiation.</summary>
    public static Variable Value(Variable x) => F.Exp(F.Sin(x)) * x * x;

    /// <summary>f′(x) = e^(sin x)·(x² cos x + 2x), by hand.</summary>
    public static double Exact(double x) => Math.Exp(Math.Sin(x)) * (x * x * Math.Cos(x) + 2 * x);

    /// <summary>f″(x) = e^(sin x)·(x² cos²x − x² sin x + 4x cos x + 2), by hand.</summary>
    public static double ExactSecond(double x)
    {
        double s = Math.Sin(x), c = Math.Cos(x);
        return Math.Exp(s) * (x * x * c * c - x * x * s + 4 * x * c + 2);
    }

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        // Everything here takes milliseconds: --quick is accepted for uniformity and changes nothing.
        var options = ExampleOptions.Parse(args, "NumericalVsAutomatic", "finite differences vs forward and reverse mode on one function", output, out int exit);
        if (options is null) return exit;
        var c = CultureInfo.InvariantCulture;
        double exact = Exact(X);

        output.WriteLine("f(x) = exp(sin x) * x^2");
        output.WriteLine();
        output.WriteLine("Finite differences (NumericalDiff.ErrorTable):");
        var table = NumericalDiff.ErrorTable(Value, X, exact);
        output.Write(table.ToString());
        foreach (var scheme in table.Schemes)
        {
            var best = table.Best(scheme);
            output.WriteLine(string.Format(c, "best {0,-10} h = {1:0e+00}  error {2:0.0e+00}", scheme.ToString().ToLowerInvariant(), best.Step, best.AbsError));
        }

        // The finite differences above are arithmetic on doubles; automatic differentiation runs on the device.
        var x = Tensor.Scalar(X, DType.Float64).To(options.Device);
        double forward = Derivatives.Jvp(Value, x, Tensor.Scalar(1.0, DType.Float64).To(options.Device)).Tangent.Item();
        double reverse = Derivatives.Grad(Value, x).Item();
        double second = Derivatives.Derivative(Value, x, order: 2).Item();
        double numericSecond = NumericalDiff.Derivative(v => NumericalDiff.Derivative(Value, v), X);
        output.WriteLine();
        output.WriteLine("Automatic differentiation (float64):");
        output.WriteLine("method                                 estimate              error");
        Line(output, "forward mode, Derivatives.Jvp", forward, exact);
        Line(output, "reverse mode, Derivatives.Grad", reverse, exact);
        Line(output, "f'' by double backprop, Derivative(2)", second, ExactSecond(X));
        Line(output, "f'' by nested central differences", numericSecond, ExactSecond(X));
        return 0;
    }

    private static void Line(TextWriter output, string method, double estimate, double exact) =>
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-37}  {1,-20:R}  {2:0.0e+00}", method, estimate, Math.Abs(estimate - exact)));
}
