// Higher-order derivatives of tanh by repeated backward passes (DeZero steps 34-35).
// Run: dotnet run --project examples/TanhDerivatives -c Release -- [--quick] [--out DIR] [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Globalization;
using Nabla.Autodiff;
using Nabla.IO;
using Nabla.Tensors;
using ScottPlot;

namespace Nabla.Examples.TanhDerivatives;

/// <summary>
/// Differentiates tanh four times over a grid of [-5, 5]: each backward pass runs with <c>createGraph</c>, so the
/// gradient it produces has a graph of its own that the next pass walks back. Prints the size of each graph (it
/// grows quickly, the point of DeZero's step 35), checks each derivative against its closed form, plots tanh and
/// the four derivatives into <c>tanh-derivatives.png</c> and writes the graph of the last one as DOT text.
/// </summary>
public static class Program
{
    /// <summary>The highest derivative taken.</summary>
    public const int Orders = 4;

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = ExampleOptions.Parse(args, "TanhDerivatives", "derivatives of tanh up to order 4 by repeated backprop, with a plot", output, out int exit);
        if (options is null) return exit;
        int points = options.Quick ? 101 : 401;

        var xs = Tensor.Linspace(-5, 5, points, dtype: DType.Float64).To(options.Device);
        var x = new Variable(xs, "x");
        var y = F.Tanh(x);
        y.Name = "y";
        var curves = new List<double[]> { y.Data.ToArray<double>() };
        var t = curves[0];
        output.WriteLine($"tanh and its derivatives at {points} points of [-5, 5]");
        output.WriteLine("order  graph nodes  max |autodiff - closed form|");
        output.WriteLine(Row(0, Graph.NodeCount(y), MaxError(curves[0], t, 0)));

        y.Backward(createGraph: true);
        Variable gx = x.Grad!;
        for (int n = 1; n <= Orders; n++)
        {
            gx.Name = $"gx{n}";
            curves.Add(gx.Data.ToArray<double>());
            output.WriteLine(Row(n, Graph.NodeCount(gx), MaxError(curves[n], t, n)));
            if (n == Orders) break;
            // Clear first: the next pass would otherwise add its gradient to this one.
            x.ClearGrad();
            gx.Backward(createGraph: true);
            gx = x.Grad!;
        }

        string dotPath = options.OutPath($"tanh-grad{Orders}.dot");
        File.WriteAllText(dotPath, DotWriter.ToDot(gx));
        string pngPath = options.OutPath("tanh-derivatives.png");
        SavePlot(pngPath, xs.ToArray<double>(), curves);
        output.WriteLine($"wrote {pngPath}");
        output.WriteLine($"wrote {dotPath} (render with: dot -Tpng {Path.GetFileName(dotPath)} -o graph.png)");
        return 0;
    }

    private static string Row(int order, int nodes, double error) =>
        string.Format(CultureInfo.InvariantCulture, "{0,5}  {1,11}  {2,9:0.0e+00}", order, nodes, error);

    /// <summary>The n-th derivative of tanh written with t = tanh(x).</summary>
    public static double ClosedForm(double t, int order) => order switch
    {
        0 => t,
        1 => 1 - t * t,
        2 => -2 * t * (1 - t * t),
        3 => -2 * (1 - t * t) * (1 - 3 * t * t),
        4 => 8 * t * (1 - t * t) * (2 - 3 * t * t),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, "ClosedForm: orders 0 to 4 are known"),
    };

    private static double MaxError(double[] values, double[] t, int order) =>
        values.Select((v, i) => Math.Abs(v - ClosedForm(t[i], order))).Max();

    private static void SavePlot(string path, double[] xs, List<double[]> curves)
    {
        string[] labels = ["y = tanh(x)", "y'", "y''", "y'''", "y''''"];
        var plot = new ScottPlot.Plot();
        for (int n = 0; n < curves.Count; n++)
        {
            var line = plot.Add.ScatterLine(xs, curves[n]);
            line.LegendText = labels[n];
            line.LineWidth = 2;
        }
        plot.ShowLegend(Alignment.UpperRight);
        plot.Title("tanh and its first four derivatives (repeated backprop)");
        plot.XLabel("x");
        plot.YLabel("y");
        plot.SavePng(path, 800, 500);
    }
}
