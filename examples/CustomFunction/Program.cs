// A Function of your own (softplus) with Forward, Backward and Jvp, checked three ways (docs/GUIDE.md, section 6).
// Run: dotnet run --project examples/CustomFunction -c Release -- [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Numerical;
using Nabla.Tensors;

namespace Nabla.Examples.CustomFunction;

/// <summary>
/// Uses <see cref="Softplus"/> as any built-in function and checks it: backprop against finite differences
/// (<see cref="NumericalDiff.GradientCheck"/>), forward mode against reverse mode and against σ(x), a second
/// derivative through the backward rule, and the values at ±1000 where the naive log(1 + eˣ) overflows.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        // Everything here takes milliseconds: --quick is accepted for uniformity and changes nothing.
        var options = ExampleOptions.Parse(args, "CustomFunction", "a Softplus Function with Forward, Backward and Jvp, checked", output, out int exit);
        if (options is null) return exit;
        var c = CultureInfo.InvariantCulture;

        var points = Tensor.FromArray(new[] { -30.0, -1.5, 0.0, 2.0, 40.0 }).To(options.Device);
        output.WriteLine($"x                  {points}");
        output.WriteLine($"softplus(x)        {MyF.Softplus(new Variable(points)).Data}");
        // On the CPU: GradientCheck weights a vector output with random numbers it draws on the CPU, which cannot
        // multiply an output on another device.
        var report = NumericalDiff.GradientCheck(v => MyF.Softplus(v[0]), [points.ToCpu()]);
        output.WriteLine(report);

        var sigmoid = ((points * 0.5).Tanh() * 0.5 + 0.5);
        var (_, tangent) = Derivatives.Jvp(MyF.Softplus, points, Tensor.OnesLike(points));
        var slope = Derivatives.Grad(v => F.Sum(MyF.Softplus(v)), points);
        output.WriteLine($"forward mode       {tangent}");
        output.WriteLine($"reverse mode       {slope}");
        output.WriteLine($"sigmoid(x)         {sigmoid}");
        output.WriteLine(string.Format(c, "forward = reverse = sigmoid: {0}", Tensor.AllClose(tangent, slope, 1e-14, 1e-15) && Tensor.AllClose(slope, sigmoid, 1e-14, 1e-15)));

        double curvature = Derivatives.Derivative(MyF.Softplus, Tensor.Scalar(0.0, DType.Float64).To(options.Device), order: 2).Item();
        output.WriteLine(string.Format(c, "softplus''(0) by double backprop = {0:R} (sigma'(0) = 0.25)", curvature));

        var extremes = Tensor.FromArray(new[] { -1000.0, 1000.0 }).To(options.Device);
        output.WriteLine($"softplus([-1000, 1000]) = {MyF.Softplus(new Variable(extremes)).Data}; naive log(1 + exp(x)) = {(extremes.Exp() + 1.0).Log()}");
        return report.Passed ? 0 : 1;
    }
}
