// DeZero's spiral classifier (step 48) with a decision-boundary picture.
// Run: dotnet run --project examples/Spiral -c Release -- [--quick] [--out DIR] [--device cpu|cuda|cuda:N|ilgpu-cpu]
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;
using ScottPlot;

namespace Nabla.Examples.Spiral;

/// <summary>
/// Three interleaved spiral arms, 300 points, classified by a two-layer network (10 sigmoid units, then 3 scores)
/// trained with SGD(lr = 1) on batches of 30 for 300 epochs, as in DeZero's step 48. Prints the loss and accuracy,
/// then colours the plane by predicted class under the training points: <c>spiral-decision-boundary.png</c>.
/// </summary>
public static class Program
{
    private const int BatchSize = 30, HiddenSize = 10, Resolution = 200;

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var options = ExampleOptions.Parse(args, "Spiral", "train DeZero's spiral classifier and draw its decision boundary", output, out int exit);
        if (options is null) return exit;
        int epochs = options.Quick ? 30 : 300;

        Init.Seed(0);
        var train = new Nabla.Data.Spiral(train: true);
        var test = new Nabla.Data.Spiral(train: false);
        var loader = new DataLoader(train, BatchSize, shuffle: true, generator: new Generator(0), device: options.Device);
        var model = new MLP([HiddenSize, 3], F.Sigmoid);
        // The biases move now; the weights, whose input size the first batch tells, are made on that batch's device.
        model.To(options.Device);
        var optimizer = new SGD(lr: 1.0).Setup(model);

        output.WriteLine($"spiral: {train.Count} points, 3 classes; MLP(10, 3) with sigmoid, SGD(lr = 1), batch {BatchSize}, {epochs} epochs");
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            double lossSum = 0, correct = 0;
            foreach (var (x, t) in loader)
            {
                var y = model.Forward(x);
                var loss = F.SoftmaxCrossEntropy(y, t);
                model.ClearGrads();
                loss.Backward();
                optimizer.Update();
                lossSum += loss.Data.Item() * t.Dim(0);
                correct += F.Accuracy(y, t).Data.Item() * t.Dim(0);
            }
            if (epoch == 1 || epoch % (epochs / 10) == 0)
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "epoch {0,3}  loss {1:F4}  accuracy {2:F3}",
                    epoch, lossSum / train.Count, correct / train.Count));
        }
        output.WriteLine(string.Format(CultureInfo.InvariantCulture, "test accuracy {0:F3} (the spiral drawn with seed 2020)", Accuracy(model, test, options.Device)));

        string path = options.OutPath("spiral-decision-boundary.png");
        DrawDecisionBoundary(path, model, train, options.Device);
        output.WriteLine($"wrote {path}");
        return 0;
    }

    private static double Accuracy(Model model, TensorDataset data, Device device)
    {
        using var noGrad = Config.NoGrad();
        return F.Accuracy(model.Forward(data.Data.To(device)), data.Labels.To(device)).Data.Item();
    }

    /// <summary>The predicted class on a grid over the points' extent, as a heatmap under the points themselves.</summary>
    private static void DrawDecisionBoundary(string path, Model model, TensorDataset data, Device device)
    {
        var x = data.Data.AsType(DType.Float64);
        double xMin = x[Slice.All, 0].Min().Item() - 0.1, xMax = x[Slice.All, 0].Max().Item() + 0.1;
        double yMin = x[Slice.All, 1].Min().Item() - 0.1, yMax = x[Slice.All, 1].Max().Item() + 0.1;
        var grid = new float[Resolution * Resolution * 2];
        for (int r = 0; r < Resolution; r++)
        {
            for (int c = 0; c < Resolution; c++)
            {
                // Row 0 of a heatmap is drawn at the top, so rows run from yMax down.
                grid[(r * Resolution + c) * 2] = (float)(xMin + (c + 0.5) * (xMax - xMin) / Resolution);
                grid[(r * Resolution + c) * 2 + 1] = (float)(yMax - (r + 0.5) * (yMax - yMin) / Resolution);
            }
        }
        long[] classes;
        using (Config.NoGrad())
            classes = model.Forward(Tensor.FromSpan<float>(grid, Resolution * Resolution, 2).To(device)).Data.ArgMax(1).ToArray<long>();
        var heat = new double[Resolution, Resolution];
        for (int r = 0; r < Resolution; r++)
            for (int c = 0; c < Resolution; c++) heat[r, c] = classes[r * Resolution + c];

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(heat);
        heatmap.Extent = new CoordinateRect(xMin, xMax, yMin, yMax);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.Opacity = 0.45;
        var labels = data.Labels.ToArray<long>();
        for (int k = 0; k < 3; k++)
        {
            var members = Enumerable.Range(0, labels.Length).Where(i => labels[i] == k).ToArray();
            var points = plot.Add.ScatterPoints(members.Select(i => x.GetDouble(i, 0)).ToArray(), members.Select(i => x.GetDouble(i, 1)).ToArray());
            // The region's colour at full strength, so each arm matches the area predicted for it.
            points.Color = heatmap.Colormap.GetColor(k / 2.0);
            points.MarkerSize = 6;
            points.LegendText = $"class {k}";
        }
        plot.ShowLegend();
        plot.Title("Spiral: decision boundary");
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        plot.SavePng(path, 700, 600);
    }
}
