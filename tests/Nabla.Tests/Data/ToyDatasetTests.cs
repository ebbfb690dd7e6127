using Nabla.Data;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

/// <summary>The generated data sets: DeZero's spiral and sine curve.</summary>
public class ToyDatasetTests
{
    [Fact]
    public void SpiralHasDeZerosShapesAndGeometry()
    {
        var ds = new Spiral(train: true);
        Assert.Equal(300, ds.Count);
        Assert.Equal([300, 2], ds.Data.Shape);
        Assert.Equal(DType.Float32, ds.Data.DType);
        Assert.Equal([300], ds.Labels.Shape);
        Assert.Equal(DType.Int64, ds.Labels.DType);
        var labels = ds.Labels.ToArray<long>();
        Assert.All(Enumerable.Range(0, 3), c => Assert.Equal(100, labels.Count(l => l == c)));
        // Shuffled: not grouped by class.
        Assert.NotEqual(labels.Order(), labels);
        // Point i of each arm has radius i / 100: the sorted radii per class are 0, 0.01, ..., 0.99.
        var x = ds.Data.ToArray<float>();
        for (int c = 0; c < 3; c++)
        {
            var radii = Enumerable.Range(0, 300).Where(k => labels[k] == c)
                .Select(k => Math.Sqrt(x[2 * k] * (double)x[2 * k] + x[2 * k + 1] * (double)x[2 * k + 1])).Order().ToArray();
            for (int i = 0; i < 100; i++) Assert.Equal(i / 100.0, radii[i], 1e-6);
        }
    }

    [Fact]
    public void SpiralIsReproducibleAndSplitsDiffer()
    {
        Assert.True(Tensor.ArrayEqual(new Spiral().Data, new Spiral().Data));
        Assert.False(Tensor.ArrayEqual(new Spiral(train: true).Data, new Spiral(train: false).Data));
        var (x, t) = Spiral.Generate(train: false);
        Assert.True(Tensor.ArrayEqual(new Spiral(train: false).Data, x));
        Assert.True(Tensor.ArrayEqual(new Spiral(train: false).Labels, t));
    }

    [Fact]
    public void SinCurvePairsEachValueWithTheNext()
    {
        var train = new SinCurve(train: true);
        Assert.Equal(999, train.Count);
        Assert.Equal([999, 1], train.Data.Shape);
        Assert.Equal([999, 1], train.Labels.Shape);
        Assert.Equal(DType.Float64, train.Data.DType);
        var data = train.Data.ToArray<double>();
        var labels = train.Labels.ToArray<double>();
        for (int i = 0; i + 1 < 999; i++) Assert.Equal(data[i + 1], labels[i]);
        var xs = Tensor.Linspace(0, 2 * Math.PI, 1000, dtype: DType.Float64).ToArray<double>();
        double maxNoise = Enumerable.Range(0, 999).Max(i => Math.Abs(data[i] - Math.Sin(xs[i])));
        Assert.InRange(maxNoise, 0.04, 0.05);
        Assert.True(Tensor.ArrayEqual(train.Data, new SinCurve(train: true).Data));
        Assert.False(Tensor.ArrayEqual(train.Data, new SinCurve(train: true, seed: 1).Data));
    }

    [Fact]
    public void SinCurveTestIsTheCleanCosineAsInDeZero()
    {
        var test = new SinCurve(train: false);
        var xs = Tensor.Linspace(0, 2 * Math.PI, 1000, dtype: DType.Float64).ToArray<double>();
        Assert.Equal(xs[..999].Select(Math.Cos), test.Data.ToArray<double>());
        Assert.Equal(xs[1..].Select(Math.Cos), test.Labels.ToArray<double>());
        Assert.Equal(DType.Float32, new SinCurve(false, dtype: DType.Float32).Data.DType);
        Assert.Throws<ArgumentException>(() => new SinCurve(dtype: DType.Int32));
    }
}
