// Newton's method with second derivatives from double backprop (DeZero step 33).
// Run: dotnet run --project examples/Newton -c Release -- [--quick] [--out DIR] [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Examples.Newton;

/// <summary>
/// Minimises f(x) = x⁴ − 2x² from x = 2 by Newton's method, x ← x − f′(x)/f″(x). Both derivatives come from
/// backprop: the first backward pass records its own graph (<c>createGraph</c>), so f′ is a variable that a second
/// backward pass differentiates again. Converges to the minimum at x = 1 in a handful of steps, where gradient
/// descent needs over a hundred.
/// </summary>
public static class Program
{
    /// <summary>The function minimised.</summary>
    public static Variable Objective(Variable x) => x.Pow(4) - 2 * x.Pow(2);

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = ExampleOptions.Parse(args, "Newton", "Newton's method on x^4 - 2x^2 with f'' from double backprop", output, out int exit);
        if (options is null) return exit;
        // Newton's method is fast either way; the quick run only stops earlier.
        int iterations = options.Quick ? 7 : 10;

        var x = new Variable(Tensor.Scalar(2.0).To(options.Device), "x");
        output.WriteLine("f(x) = x^4 - 2x^2, Newton's method from x = 2.0");
        output.WriteLine("iter  x                    f(x)                   f'(x)                  f''(x)");
        for (int i = 0; i < iterations; i++)
        {
            var y = Objective(x);
            x.ClearGrad();
            y.Backward(createGraph: true);
            var gx = x.Grad!;
            x.ClearGrad();
            gx.Backward();
            var gx2 = x.Grad!;
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,4}  {1,-19:R}  {2,-21:R}  {3,-21:R}  {4:R}",
                i, x.Data.Item(), y.Data.Item(), gx.Data.Item(), gx2.Data.Item()));
            x.Data = x.Data - gx.Data / gx2.Data;
        }
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "x = {0:R} after {1} iterations (the minimum is at x = 1)", x.Data.Item(), iterations));
        return 0;
    }
}
