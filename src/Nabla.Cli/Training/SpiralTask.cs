using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Cli.Training;

/// <summary>The spiral classification of DeZero's step 48, with a decision-boundary chart.</summary>
public sealed class SpiralTask(Model model, Tensor xTrain, Tensor tTrain, Tensor xTest, Tensor tTest, int batchSize, Generator gen)
    : ClassificationTask(model, xTrain, tTrain, xTest, tTest, batchSize, gen)
{
    private const int Resolution = 200;

    public override IReadOnlyList<string> WriteCharts(string folder)
    {
        var x = XTrain.AsType(DType.Float64);
        double xMin = x[Slice.All, 0].Min().Item() - 0.1, xMax = x[Slice.All, 0].Max().Item() + 0.1;
        double yMin = x[Slice.All, 1].Min().Item() - 0.1, yMax = x[Slice.All, 1].Max().Item() + 0.1;
        var grid = new float[Resolution * Resolution * 2];
        for (int r = 0; r < Resolution; r++)
            for (int c = 0; c < Resolution; c++)
            {
                // Row 0 of a heatmap is drawn at the top, so rows run from yMax down.
                grid[(r * Resolution + c) * 2] = (float)(xMin + (c + 0.5) * (xMax - xMin) / Resolution);
                grid[(r * Resolution + c) * 2 + 1] = (float)(yMax - (r + 0.5) * (yMax - yMin) / Resolution);
            }
        var classes = Predict(Tensor.FromSpan<float>(grid, [Resolution * Resolution, 2]).AsType(XTrain.DType).To(XTrain.Device));
        var heat = new double[Resolution, Resolution];
        for (int r = 0; r < Resolution; r++)
            for (int c = 0; c < Resolution; c++) heat[r, c] = classes[r * Resolution + c];
        var labels = TTrain.AsType(DType.Int64).ToArray<long>();
        var points = Enumerable.Range(0, labels.Length)
            .Select(i => (x.GetDouble(i, 0), x.GetDouble(i, 1), (int)labels[i])).ToList();
        var path = Path.Combine(folder, "decision-boundary.png");
        Charts.DecisionBoundary(path, heat, xMin, xMax, yMin, yMax, points);
        return [path];
    }
}
