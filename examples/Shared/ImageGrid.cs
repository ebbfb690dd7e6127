using Nabla.Tensors;
using ScottPlot;

namespace Nabla.Examples;

/// <summary>Draws 28×28 images (MNIST digits, generated samples) as one grayscale grid in a PNG, through a ScottPlot heatmap.</summary>
internal static class ImageGrid
{
    private const int Side = 28, Gap = 2, PixelsPerCell = 64;

    /// <summary>
    /// Writes <paramref name="images"/> (N × 784, or N × 1 × 28 × 28, values in [0, 1]; 0 black, 1 white) as
    /// rows of <paramref name="columns"/> images under <paramref name="title"/>.
    /// </summary>
    public static void Save(string path, Tensor images, int columns, string title)
    {
        int n = images.Dim(0);
        if (images.Size != n * Side * Side)
            throw new ArgumentException($"ImageGrid.Save: images of shape ({string.Join(",", images.Shape)}) are not {n} images of {Side}x{Side}");
        var pixels = images.Reshape(n, Side * Side).AsType(DType.Float64).Contiguous().ToArray<double>();
        int rows = (n + columns - 1) / columns;
        // Mid-grey gaps separate the digits without being mistaken for strokes (white) or background (black).
        var grid = new double[rows * (Side + Gap) + Gap, columns * (Side + Gap) + Gap];
        for (int r = 0; r < grid.GetLength(0); r++)
            for (int c = 0; c < grid.GetLength(1); c++) grid[r, c] = 0.5;
        for (int k = 0; k < n; k++)
        {
            int top = Gap + k / columns * (Side + Gap), left = Gap + k % columns * (Side + Gap);
            for (int i = 0; i < Side; i++)
                for (int j = 0; j < Side; j++) grid[top + i, left + j] = Math.Clamp(pixels[k * Side * Side + i * Side + j], 0, 1);
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(grid);
        heatmap.Colormap = new ScottPlot.Colormaps.Grayscale();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.HideAxesAndGrid();
        plot.Title(title);
        plot.Axes.SquareUnits();
        plot.SavePng(path, columns * PixelsPerCell + 40, rows * PixelsPerCell + 80);
    }
}
