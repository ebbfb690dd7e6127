using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Tests.NN;

public class NormLayerTests
{
    [Fact]
    public void BatchNormCreatesItsParametersFromTheFirstInput()
    {
        var bn = new BatchNorm();
        var x = Tensor.Randn(new Generator(1), DType.Float64, 8, 3) * 4.0 + 2.0;
        var y = bn.Forward(x);
        Assert.Equal([3], bn.gamma.Shape);
        Assert.Equal(DType.Float64, bn.gamma.DType);
        Assert.Equal(["gamma", "beta", "avg_mean", "avg_var"], bn.NamedParameters().Select(p => p.Name));
        // Normalised per channel in training.
        Assert.True(Tensor.AllClose(y.Data.Mean(0), Tensor.Zeros(DType.Float64, 3), 0, 1e-9));
        // The running mean moved 10% of the way to the batch mean.
        Assert.True(Tensor.AllClose(bn.avg_mean.Data, x.Mean(0) * 0.1, 1e-9, 1e-12));
    }

    [Fact]
    public void BatchNormUsesRunningStatisticsInTestMode()
    {
        var bn = new BatchNorm();
        var x = Tensor.Randn(new Generator(2), DType.Float64, 16, 2, 3, 3);
        bn.Forward(x);
        using (Config.TestMode())
        {
            var y = bn.Forward(x).Data;
            var mean = bn.avg_mean.Data.Reshape(1, 2, 1, 1);
            var std = (bn.avg_var.Data.Reshape(1, 2, 1, 1) + 2e-5).Sqrt();
            Assert.True(Tensor.AllClose(y, (x - mean) / std, 1e-9, 1e-9));
        }
    }

    [Fact]
    public void DropoutIsTheIdentityInTestMode()
    {
        var layer = new Dropout(0.5, new Generator(3));
        var x = Tensor.Ones(DType.Float64, 100);
        var train = layer.Forward(x).Data;
        Assert.Contains(0.0, train.ToArray<double>());
        Assert.Contains(2.0, train.ToArray<double>());
        using (Config.TestMode())
            Assert.True(Tensor.ArrayEqual(x, layer.Forward(x).Data));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Dropout(1.0));
    }

    [Fact]
    public void EmbedIdLooksUpRows()
    {
        var embed = new EmbedID(5, 3, DType.Float64, new Generator(4));
        var ids = Tensor.FromArray(new long[,] { { 0, 4 }, { 4, 1 } });
        var y = embed.Forward(ids);
        Assert.Equal([2, 2, 3], y.Shape);
        Assert.True(Tensor.ArrayEqual(y.Data[1, 0], embed.W.Data[4]));
        F.Sum(y).Backward();
        Assert.Equal(2.0, embed.W.Grad!.Data.GetDouble(4, 0));
        Assert.Equal(0.0, embed.W.Grad!.Data.GetDouble(2, 0));
    }
}
