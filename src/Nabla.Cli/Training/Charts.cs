using ScottPlot;

namespace Nabla.Cli.Training;

/// <summary>The PNG charts of a run, drawn with ScottPlot.</summary>
public static class Charts
{
    private const int Width = 800, Height = 500;

    /// <summary>Train and test curves of one figure (loss or accuracy) over the epochs.</summary>
    /// <remarks>The legend goes where the curves are not: top right for a falling loss, bottom right for a rising accuracy.</remarks>
    public static void Curves(string path, string title, string yLabel, IReadOnlyList<EpochResult> results, Func<EpochResult, double> train, Func<EpochResult, double> test, bool rising = false)
    {
        var plot = new Plot();
        double[] epochs = results.Select(r => (double)r.Epoch).ToArray();
        var a = plot.Add.Scatter(epochs, results.Select(train).ToArray());
        a.LegendText = "train";
        var b = plot.Add.Scatter(epochs, results.Select(test).ToArray());
        b.LegendText = "test";
        plot.ShowLegend(rising ? Alignment.LowerRight : Alignment.UpperRight);
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        if (epochs.Length > 0)
        {
            int step = EpochTickStep(results[^1].Epoch);
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(step);
            // Half a step of margin each side: the first tick is never left of epoch 0.
            plot.Axes.SetLimitsX(Math.Max(0, epochs[0] - step / 2.0), epochs[^1] + step / 2.0);
        }
        Save(plot, path);
    }

    /// <summary>
    /// The spacing of the epoch ticks: every epoch up to 20, then 1-2-5 steps that keep about 10 ticks, so labels never
    /// run into each other (300 epochs: every 50).
    /// </summary>
    public static int EpochTickStep(int epochs)
    {
        if (epochs <= 20) return 1;
        for (int scale = 1; ; scale *= 10)
        {
            foreach (int m in new[] { 1, 2, 5 })
            {
                if (epochs / (m * scale) <= 10) return m * scale;
            }
        }
    }

    /// <summary>
    /// A 2-D classifier's decision regions (class predicted on a grid) under its training points, as in
    /// DeZero's spiral example.
    /// </summary>
    public static void DecisionBoundary(string path, double[,] grid, double xMin, double xMax, double yMin, double yMax,
        IReadOnlyList<(double X, double Y, int Label)> points)
    {
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Extent = new CoordinateRect(xMin, xMax, yMin, yMax);
        // Regions and points from one palette: class k is the same colour in both.
        var palette = new ScottPlot.Palettes.Category10();
        int classes = Math.Max(2, points.Count == 0 ? 2 : points.Max(p => p.Label) + 1);
        heatmap.Colormap = new ScottPlot.Colormaps.CustomInterpolated(Enumerable.Range(0, classes).Select(palette.GetColor).ToArray());
        heatmap.ManualRange = new ScottPlot.Range(0, classes - 1);
        heatmap.Opacity = 0.45;
        foreach (var group in points.GroupBy(p => p.Label).OrderBy(g => g.Key))
        {
            var scatter = plot.Add.ScatterPoints(group.Select(p => p.X).ToArray(), group.Select(p => p.Y).ToArray());
            scatter.Color = palette.GetColor(group.Key);
            scatter.MarkerSize = 6;
            scatter.LegendText = $"class {group.Key}";
        }
        plot.ShowLegend();
        plot.Title("Decision boundary");
        plot.XLabel("x1");
        plot.YLabel("x2");
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        Save(plot, path);
    }

    /// <summary>A predicted series against the truth (the sin-curve example).</summary>
    public static void Prediction(string path, double[] xs, double[] truth, double[] predicted)
    {
        var plot = new Plot();
        var t = plot.Add.ScatterLine(xs, truth);
        t.LegendText = "truth";
        var p = plot.Add.ScatterLine(xs, predicted);
        p.LegendText = "prediction";
        p.LinePattern = LinePattern.Dashed;
        plot.ShowLegend();
        plot.Title("Next-value prediction vs truth (test curve)");
        plot.XLabel("time step");
        plot.YLabel("y");
        Save(plot, path);
    }

    /// <summary>Written to a temporary file and renamed, so an interrupted run never leaves half a PNG.</summary>
    private static void Save(Plot plot, string path)
    {
        var temp = Path.ChangeExtension(path, ".tmp.png");
        plot.SavePng(temp, Width, Height);
        File.Move(temp, path, overwrite: true);
    }
}
