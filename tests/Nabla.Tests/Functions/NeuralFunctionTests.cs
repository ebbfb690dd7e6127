using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>Activations, losses, indexing and reductions used by neural networks: values and gradient checks.</summary>
public class NeuralFunctionTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    [Fact]
    public void ActivationGradients()
    {
        GradCheck.Assert(v => F.Sigmoid(v[0]), R(1, 3, 4));
        GradCheck.AssertSecond(v => F.Sigmoid(v[0]), R(1, 3, 4));
        GradCheck.Assert(v => F.ReLU(v[0]), R(2, 3, 4));
        GradCheck.Assert(v => F.LeakyReLU(v[0], 0.1), R(3, 3, 4));
        GradCheck.Assert(v => F.Clip(v[0], -0.5, 0.5), R(4, 3, 4));
    }

    [Fact]
    public void SigmoidIsStableForLargeInputs()
    {
        var y = F.Sigmoid(new Variable(Tensor.FromArray(new[] { -1000.0, 0, 1000 }))).Data.ToArray<double>();
        Assert.Equal([0.0, 0.5, 1.0], y);
    }

    [Fact]
    public void LinearGradientsWithAndWithoutBias()
    {
        GradCheck.Assert(v => F.Linear(v[0], v[1], v[2]), R(1, 4, 3), R(2, 3, 2), R(3, 2));
        GradCheck.Assert(v => F.Linear(v[0], v[1]), R(1, 4, 3), R(2, 3, 2));
        GradCheck.AssertSecond(v => F.Tanh(F.Linear(v[0], v[1], v[2])), R(1, 4, 3), R(2, 3, 2), R(3, 2));
        var ex = Assert.Throws<ArgumentException>(() => F.Linear(new Variable(R(1, 4, 3)), new Variable(R(2, 2, 2))));
        Assert.Contains("Linear", ex.Message);
    }

    [Fact]
    public void SoftmaxFamily()
    {
        var x = R(1, 3, 5);
        var sm = F.Softmax(new Variable(x)).Data;
        Assert.True(Tensor.AllClose(sm.Sum(1), Tensor.Ones(DType.Float64, 3)));
        var lsm = F.LogSoftmax(new Variable(x)).Data;
        Assert.True(Tensor.AllClose(lsm.Exp(), sm));
        var big = Tensor.FromArray(new[,] { { 1000.0, 1000.0 } });
        Assert.True(Tensor.AllClose(F.LogSumExp(new Variable(big), 1).Data, Tensor.FromArray(new[] { 1000 + Math.Log(2) })));
        var w = R(9, 3, 5);
        GradCheck.Assert(v => F.Softmax(v[0]) * w, x);
        GradCheck.Assert(v => F.LogSoftmax(v[0]) * w, x);
        GradCheck.Assert(v => F.LogSumExp(v[0], 1), x);
        GradCheck.Assert(v => F.LogSumExp(v[0]), x);
        GradCheck.AssertSecond(v => F.LogSumExp(v[0], 1), x);
        GradCheck.AssertSecond(v => F.Softmax(v[0]) * w, x);
    }

    [Fact]
    public void SoftmaxCrossEntropyValueGradientAndErrors()
    {
        var x = Tensor.FromArray(new[,] { { 0.0, 0.0 }, { Math.Log(3), 0.0 } });
        var t = Tensor.FromArray(new long[] { 0, 1 });
        double expected = -(Math.Log(0.5) + Math.Log(0.25)) / 2;
        Assert.Equal(expected, F.SoftmaxCrossEntropy(new Variable(x), t).Data.Item(), 12);
        GradCheck.Assert(v => F.SoftmaxCrossEntropy(v[0], Tensor.FromArray(new[] { 2, 0, 4 })), R(1, 3, 5));
        GradCheck.AssertSecond(v => F.SoftmaxCrossEntropy(v[0], Tensor.FromArray(new[] { 2, 0, 4 })), R(1, 3, 5));
        var ex = Assert.Throws<ArgumentException>(() => F.SoftmaxCrossEntropy(new Variable(R(1, 2, 3)), Tensor.FromArray(new[] { 0, 3 })));
        Assert.Equal("SoftmaxCrossEntropy: label 3 is out of range for 3 classes", ex.Message);
        Assert.Throws<ArgumentException>(() => F.SoftmaxCrossEntropy(new Variable(R(1, 2, 3)), Tensor.FromArray(new[] { 0.0, 1.0 })));
    }

    [Fact]
    public void MeanSquaredErrorAndMean()
    {
        var a = Tensor.FromArray(new[] { 1.0, 2.0, 3.0 });
        var b = Tensor.FromArray(new[] { 1.0, 0.0, 0.0 });
        Assert.Equal(13.0 / 3, F.MeanSquaredError(new Variable(a), new Variable(b)).Data.Item(), 12);
        GradCheck.Assert(v => F.MeanSquaredError(v[0], v[1]), R(1, 4, 1), R(2, 4, 1));
        GradCheck.Assert(v => F.Mean(v[0], 1) * R(9, 4), R(1, 4, 3));
        // (4,1) against (4) reads the target in the prediction's shape (DeZero's ports need it); (4,2) against (1,4) is an error.
        Assert.Equal(F.MeanSquaredError(new Variable(R(1, 4, 1)), new Variable(R(2, 4, 1))).Data.Item(),
            F.MeanSquaredError(new Variable(R(1, 4, 1)), new Variable(R(2, 4))).Data.Item(), 14);
        GradCheck.Assert(v => F.MeanSquaredError(v[0], v[1]), R(1, 4, 1), R(2, 4));
        GradCheck.Assert(v => F.MeanSquaredError(v[0], v[1]), R(1, 4, 3), R(2, 3));
        Assert.Throws<ArgumentException>(() => F.MeanSquaredError(new Variable(R(1, 4, 2)), new Variable(R(1, 1, 4))));
    }

    [Fact]
    public void GetItemScatterAddsAndIsTwiceDifferentiable()
    {
        GradCheck.Assert(v => v[0][1], R(1, 3, 4));
        GradCheck.Assert(v => v[0][.., 1..3], R(1, 3, 4));
        GradCheck.Assert(v => v[0][new[] { 0, 0, 2 }], R(1, 3, 4));
        var x = new Variable(R(1, 3, 2));
        F.Sum(x[new[] { 0, 0, 2 }]).Backward();
        Assert.Equal(new[] { 2.0, 2, 0, 0, 1, 1 }, x.Grad!.Data.ToArray<double>());
        GradCheck.AssertSecond(v => v[0][new[] { 0, 0, 2 }].Pow(3), R(1, 3, 2));
    }

    [Fact]
    public void MaxMinGradientsGoToTheExtremes()
    {
        GradCheck.Assert(v => F.Max(v[0], 1), R(1, 3, 4));
        GradCheck.Assert(v => F.Min(v[0]), R(2, 3, 4));
        GradCheck.Assert(v => F.Max(v[0], 0, keepDims: true) * R(9, 1, 4), R(3, 3, 4));
    }

    [Fact]
    public void AccuracyCountsCorrectRows()
    {
        var y = new Variable(Tensor.FromArray(new[,] { { 0.1, 0.9 }, { 0.8, 0.2 }, { 0.3, 0.7 } }));
        Assert.Equal(2.0 / 3, F.Accuracy(y, Tensor.FromArray(new[] { 1, 0, 0 })).Data.Item(), 12);
    }

    [Fact]
    public void SmallMlpLearnsXorWithPlainSgd()
    {
        var rng = new Generator(0);
        var x = new Variable(Tensor.FromArray(new double[,] { { 0, 0 }, { 0, 1 }, { 1, 0 }, { 1, 1 } }));
        var t = Tensor.FromArray(new[] { 0, 1, 1, 0 });
        var w1 = new Parameter(Tensor.Randn(rng, DType.Float64, 2, 8));
        var b1 = new Parameter(Tensor.Zeros(DType.Float64, 8));
        var w2 = new Parameter(Tensor.Randn(rng, DType.Float64, 8, 2));
        var b2 = new Parameter(Tensor.Zeros(DType.Float64, 2));
        Parameter[] ps = [w1, b1, w2, b2];
        double loss = 0;
        for (int i = 0; i < 2000; i++)
        {
            var y = F.Linear(F.Tanh(F.Linear(x, w1, b1)), w2, b2);
            var l = F.SoftmaxCrossEntropy(y, t);
            foreach (var p in ps) p.ClearGrad();
            l.Backward();
            foreach (var p in ps) p.Data = p.Data - p.Grad!.Data * 0.5;
            loss = l.Data.Item();
        }
        Assert.True(loss < 0.05, $"loss {loss}");
    }
}

/// <summary>Tan, Abs and the joining/reshaping functions.</summary>
public class JoinFunctionTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    [Fact]
    public void TanAndAbs()
    {
        GradCheck.Assert(v => F.Tan(v[0]), R(1, 3, 4) * 0.5);
        GradCheck.AssertSecond(v => F.Tan(v[0]), R(1, 3, 4) * 0.5);
        GradCheck.Assert(v => F.Abs(v[0]), R(2, 3, 4));
    }

    [Fact]
    public void ConcatStackExpandDimsFlatten()
    {
        GradCheck.Assert(v => F.Concat([v[0], v[1]], 1) * R(9, 2, 5), R(1, 2, 3), R(2, 2, 2));
        GradCheck.Assert(v => F.Concat([v[0], v[1], v[0]], -1) * R(9, 2, 8), R(1, 2, 3), R(2, 2, 2));
        GradCheck.Assert(v => F.Stack([v[0], v[1]], 1) * R(9, 2, 2, 3), R(1, 2, 3), R(2, 2, 3));
        GradCheck.AssertSecond(v => F.Concat([F.Tanh(v[0]), v[1]], 0).Pow(2), R(1, 2, 3), R(2, 1, 3));
        Assert.Equal([2, 1, 3], F.ExpandDims(new Variable(R(1, 2, 3)), 1).Shape);
        Assert.Equal([4, 6], F.Flatten(new Variable(R(1, 4, 2, 3))).Shape);
    }
}
