using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

/// <summary>The numerics reproducers of issue 15, each against the value PyTorch gives.</summary>
public class NumericEdgeCaseTests
{
    private static Tensor D(params double[] values) => Tensor.FromArray(values);

    [Theory]
    [InlineData(double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity, 1.0, double.PositiveInfinity)]
    [InlineData(double.PositiveInfinity, double.NegativeInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0, 0.0)]
    [InlineData(double.NaN, 1.0, double.NaN)]
    public void LogSumExp_OfInfinities_IsWhatPyTorchGives(double a, double b, double expected)
    {
        Assert.Equal(expected, F.LogSumExp(new Variable(D(a, b))).Data.Item());
        Assert.Equal(expected, F.LogSumExp(new Variable(D(a, b).AsType(DType.Float32))).Data.Item());
        // Row by row too: one row of -inf does not spoil the others.
        var rows = F.LogSumExp(new Variable(D(a, b, 0, 0).Reshape(2, 2)), axis: 1).Data.ToArray<double>();
        Assert.Equal(expected, rows[0]);
        Assert.Equal(Math.Log(2), rows[1], 15);
    }

    [Fact]
    public void Max_SendsTheGradientToTheNaN()
    {
        var x = new Variable(D(1, double.NaN, 3));
        F.Max(x).Backward();
        Assert.Equal(new double[] { 0, 1, 0 }, x.Grad!.Data.ToArray<double>());
        var y = new Variable(D(1, double.NaN, 3, 4, 5, 6).Reshape(2, 3));
        F.Max(y, axis: 1).Backward();
        Assert.Equal(new double[] { 0, 1, 0, 0, 0, 1 }, y.Grad!.Data.ToArray<double>());
    }

    [Fact]
    public void SoftmaxCrossEntropy_OfAnEmptyBatch_IsNaN()
    {
        var loss = F.SoftmaxCrossEntropy(new Variable(Tensor.Zeros(DType.Float64, 0, 3)), Tensor.Zeros(DType.Int64, 0));
        Assert.True(double.IsNaN(loss.Data.Item()));
    }
}
