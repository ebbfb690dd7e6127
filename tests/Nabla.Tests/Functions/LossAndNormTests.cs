using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.Functions;

/// <summary>Binary cross-entropies, dropout, batch normalization and embeddings: values, gradients and errors.</summary>
public class LossAndNormTests
{
    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);
    private static Tensor D(params double[] values) => Tensor.FromArray(values);
    private static double LogSigmoid(double x) => -Math.Log(1 + Math.Exp(-x));

    // ---- SigmoidCrossEntropy ----

    [Fact]
    public void SigmoidCrossEntropyMatchesTheFormula()
    {
        double[] x = [-1, 0, 2, 30, -30];
        int[] t = [0, 1, 1, 0, 1];
        // log(1 - σ(x)) = log σ(-x): the reference stays accurate for large |x| too.
        double expected = -x.Select((xi, i) => t[i] * LogSigmoid(xi) + (1 - t[i]) * LogSigmoid(-xi)).Average();
        var loss = F.SigmoidCrossEntropy(new Variable(D(x)), Tensor.FromArray(t));
        Assert.Equal(expected, loss.Data.Item(), 12);
    }

    [Fact]
    public void SigmoidCrossEntropyIsStableForHugeScores()
    {
        var t = Tensor.FromArray(new[] { 0, 1 });
        Assert.Equal(1000.0, F.SigmoidCrossEntropy(new Variable(D(1000, -1000)), t).Data.Item(), 9);
        var y32 = F.SigmoidCrossEntropy(new Variable(D(100, -100).AsType(DType.Float32)), t);
        Assert.Equal(DType.Float32, y32.DType);
        Assert.Equal(100.0, y32.Data.Item(), 4);
        Assert.Equal(0.0, F.SigmoidCrossEntropy(new Variable(D(1000, -1000)), Tensor.FromArray(new[] { 1, 0 })).Data.Item(), 12);
    }

    [Fact]
    public void SigmoidCrossEntropyGradientIsSigmoidMinusTargetOverN()
    {
        var x = new Variable(D(-1, 0.5, 2, 0));
        var t = new Variable(D(1, 0, 1, 1));
        F.SigmoidCrossEntropy(x, t).Backward();
        double[] expected = new[] { -1, 0.5, 2, 0 }.Select((xi, i) => (1 / (1 + Math.Exp(-xi)) - t.Data.GetDouble(i)) / 4).ToArray();
        Assert.True(Tensor.AllClose(x.Grad!.Data, D(expected), 1e-12, 1e-14), $"{x.Grad.Data}");
        // A float target that asks for a gradient gets d/dt = -x / N (as DeZero and PyTorch); one that does not, none.
        Assert.True(Tensor.AllClose(t.Grad!.Data, D(0.25, -0.125, -0.5, 0), 1e-12, 1e-14), $"{t.Grad.Data}");
        var fixedTarget = new Variable(D(1, 0, 1, 1)) { RequiresGrad = false };
        F.SigmoidCrossEntropy(new Variable(D(-1, 0.5, 2, 0)), fixedTarget).Backward();
        Assert.Null(fixedTarget.Grad);
    }

    [Fact]
    public void SigmoidCrossEntropyGradientChecks()
    {
        var labels = Tensor.FromArray(new long[] { 1, 0, 0, 1, 1 });
        GradCheck.Assert(v => F.SigmoidCrossEntropy(v[0], labels), R(1, 5));
        GradCheck.AssertSecond(v => F.SigmoidCrossEntropy(v[0], labels), R(1, 5));
        var column = Tensor.FromArray(new[,] { { 1.0 }, { 0.0 }, { 1.0 } });
        GradCheck.Assert(v => F.SigmoidCrossEntropy(v[0], column), R(2, 3, 1));
        var soft = Tensor.FromArray(new[,] { { 0.2, 1, 0 }, { 0.5, 0.9, 0 } });
        GradCheck.Assert(v => F.SigmoidCrossEntropy(v[0], soft), R(3, 2, 3));
        GradCheck.AssertSecond(v => F.SigmoidCrossEntropy(v[0], soft), R(3, 2, 3));
    }

    [Fact]
    public void SigmoidCrossEntropyRejectsBadShapesAndLabels()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.SigmoidCrossEntropy(new Variable(R(1, 4, 1)), Tensor.FromArray(new[] { 0, 1, 1, 0 })));
        Assert.Equal("SigmoidCrossEntropy: scores of shape (4,1) and targets of shape (4,) differ; reshape one to the other", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.SigmoidCrossEntropy(new Variable(R(1, 3)), Tensor.FromArray(new[] { 0, 2, 1 })));
        Assert.Equal("SigmoidCrossEntropy: target 2 is outside [0, 1]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.SigmoidCrossEntropy(new Variable(R(1, 2)), D(0, double.NaN)));
        Assert.Equal("SigmoidCrossEntropy: target NaN is outside [0, 1]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.SigmoidCrossEntropy(new Variable(Tensor.FromArray(new[] { 1, 2 })), Tensor.FromArray(new[] { 0, 1 })));
        Assert.Contains("scores must be a float tensor", ex.Message);
    }

    // ---- BinaryCrossEntropy ----

    [Fact]
    public void BinaryCrossEntropyMatchesTheFormula()
    {
        var loss = F.BinaryCrossEntropy(new Variable(D(0.9, 0.2, 0.6)), Tensor.FromArray(new[] { 1, 0, 1 }));
        Assert.Equal(-(Math.Log(0.9) + Math.Log(0.8) + Math.Log(0.6)) / 3, loss.Data.Item(), 12);
        var soft = F.BinaryCrossEntropy(new Variable(D(0.3)), D(0.25));
        Assert.Equal(-(0.25 * Math.Log(0.3) + 0.75 * Math.Log(0.7)), soft.Data.Item(), 12);
    }

    [Fact]
    public void BinaryCrossEntropyClampsCertainWrongPredictions()
    {
        var p = new Variable(D(0, 1));
        var loss = F.BinaryCrossEntropy(p, Tensor.FromArray(new[] { 1, 0 }));
        Assert.Equal(-(Math.Log(1e-12) + Math.Log(1 - (1 - 1e-12))) / 2, loss.Data.Item(), 9);
        loss.Backward();
        // The gradient at the clamp edge, (p - t)/(p(1-p))/n, pushes both towards their targets and is finite.
        var g = p.Grad!.Data.ToArray<double>();
        Assert.Equal(-0.5 / (1 - 1e-12) / 1e-12, g[0], 1e-3 * Math.Abs(g[0]));
        Assert.Equal(-g[0], g[1], 1e-3 * Math.Abs(g[0]));

        var loss32 = F.BinaryCrossEntropy(new Variable(D(0, 1).AsType(DType.Float32)), Tensor.FromArray(new[] { 1, 0 }));
        float lo = 1e-7f, hi = 1 - 1e-7f;
        double expected32 = -(Math.Log(lo) + Math.Log(1 - (double)hi)) / 2;
        Assert.Equal(expected32, loss32.Data.Item(), 3);
        Assert.True(double.IsFinite(loss32.Data.Item()));
    }

    [Fact]
    public void BinaryCrossEntropyGradientChecksAndAgreesWithSigmoidCrossEntropy()
    {
        var t = Tensor.FromArray(new[,] { { 1, 0, 1 }, { 0, 0, 1 } });
        var p = F.Sigmoid(new Variable(R(1, 2, 3))).Data;
        GradCheck.Assert(v => F.BinaryCrossEntropy(v[0], t), p);
        GradCheck.AssertSecond(v => F.BinaryCrossEntropy(v[0], t), p);

        var x1 = new Variable(R(2, 2, 3));
        var x2 = new Variable(x1.Data.Copy());
        var viaProbabilities = F.BinaryCrossEntropy(F.Sigmoid(x1), t);
        var viaScores = F.SigmoidCrossEntropy(x2, t);
        Assert.Equal(viaScores.Data.Item(), viaProbabilities.Data.Item(), 12);
        viaProbabilities.Backward();
        viaScores.Backward();
        Assert.True(Tensor.AllClose(x1.Grad!.Data, x2.Grad!.Data, 1e-9, 1e-12));
    }

    [Fact]
    public void BinaryCrossEntropyRejectsBadInput()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(new Variable(D(0.5, 0.5)), Tensor.FromArray(new[,] { { 0, 1 } })));
        Assert.Equal("BinaryCrossEntropy: probabilities of shape (2,) and targets of shape (1,2) differ; reshape one to the other", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(new Variable(D(0.5, 1.5)), D(0, 1)));
        Assert.Equal("BinaryCrossEntropy: probability 1.5 is outside [0, 1]", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BinaryCrossEntropy(new Variable(D(0.5, 0.5)), D(0, -1)));
        Assert.Equal("BinaryCrossEntropy: target -1 is outside [0, 1]", ex.Message);
    }

    // ---- Dropout ----

    [Fact]
    public void DropoutKeepsAboutOneMinusRatioAndScalesThem()
    {
        var x = new Variable(Tensor.Ones(DType.Float64, 200, 500));
        var y = F.Dropout(x, 0.3, new Generator(1)).Data.ToArray<double>();
        double kept = y.Count(v => v != 0) / (double)y.Length;
        Assert.InRange(kept, 0.69, 0.71);
        Assert.All(y, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7) < 1e-12, $"value {v}"));
        var zero = F.Dropout(new Variable(R(1, 4, 5)), 0.0, new Generator(1)).Data;
        Assert.True(Tensor.ArrayEqual(zero, R(1, 4, 5)));
    }

    [Fact]
    public void DropoutIsReproducibleFromTheGeneratorSeed()
    {
        var x = new Variable(R(1, 10, 10));
        var a = F.Dropout(x, 0.5, new Generator(7)).Data;
        var b = F.Dropout(x, 0.5, new Generator(7)).Data;
        var c = F.Dropout(x, 0.5, new Generator(8)).Data;
        Assert.True(Tensor.ArrayEqual(a, b));
        Assert.False(Tensor.ArrayEqual(a, c));
        var gen = new Generator(7);
        Assert.False(Tensor.ArrayEqual(F.Dropout(x, 0.5, gen).Data, F.Dropout(x, 0.5, gen).Data));
    }

    [Fact]
    public void DropoutBackwardAndJvpUseTheForwardMask()
    {
        var x = new Variable(Tensor.Ones(DType.Float64, 6, 7));
        var y = F.Dropout(x, 0.4, new Generator(3));
        F.Sum(y).Backward();
        // With x = 1 the output is the scaled mask itself, and so is the gradient of its sum.
        Assert.True(Tensor.ArrayEqual(x.Grad!.Data, y.Data));
        using (Config.NoGrad())
        {
            var z = F.Dropout(new Variable(x.Data) { Tangent = Tensor.FullLike(x.Data, 2.0) }, 0.4, new Generator(3));
            Assert.True(Tensor.ArrayEqual(z.Tangent!, y.Data * 2.0));
        }
        GradCheck.Assert(v => F.Dropout(v[0], 0.5, new Generator(7)) * v[0], R(1, 3, 4));
    }

    [Fact]
    public void DropoutIsTheIdentityInTestMode()
    {
        var x = new Variable(R(1, 3, 4));
        using (Config.TestMode())
        {
            Assert.Same(x, F.Dropout(x, 0.9));
            var direct = new DropoutFunction(0.9, new Generator(1)).Call(x);
            Assert.True(Tensor.ArrayEqual(direct.Data, x.Data));
            F.Sum(direct * 3.0).Backward();
        }
        Assert.True(Tensor.ArrayEqual(x.Grad!.Data, Tensor.FullLike(x.Data, 3.0)));
    }

    [Fact]
    public void DropoutRejectsBadRatiosAndIntegerInput()
    {
        var x = new Variable(R(1, 3));
        foreach (double ratio in new[] { -0.1, 1.0, 1.5, double.NaN })
        {
            var ex = Assert.Throws<ArgumentException>(() => F.Dropout(x, ratio));
            Assert.StartsWith($"Dropout: ratio {ratio} is outside [0, 1)", ex.Message);
        }
        using (Config.TestMode()) Assert.Throws<ArgumentException>(() => F.Dropout(x, 1.0));
        var bad = Assert.Throws<ArgumentException>(() => F.Dropout(new Variable(Tensor.FromArray(new[] { 1, 2 })), 0.5, new Generator(0)));
        Assert.Equal("Dropout: needs a float input, got dtype int32", bad.Message);
    }

    // ---- BatchNorm ----

    private static (Tensor Mean, Tensor Var) Running(int c) => (Tensor.Zeros(DType.Float64, c), Tensor.Ones(DType.Float64, c));

    [Fact]
    public void BatchNormTrainingNormalizesEachChannel()
    {
        var x = R(1, 8, 3) * 3.0 + 5.0;
        var (rm, rv) = Running(3);
        var y = F.BatchNorm(new Variable(x), new Variable(Tensor.Ones(DType.Float64, 3)), new Variable(Tensor.Zeros(DType.Float64, 3)), rm, rv).Data;
        Assert.True(Tensor.AllClose(y.Mean(0), Tensor.Zeros(DType.Float64, 3), 0, 1e-12));
        Assert.True(Tensor.AllClose((y * y).Mean(0), Tensor.Ones(DType.Float64, 3), 1e-4, 0));

        var x4 = R(2, 2, 3, 4, 5) - 1.0;
        var (rm4, rv4) = Running(3);
        var y4 = F.BatchNorm(new Variable(x4), new Variable(D(2, 2, 2)), new Variable(D(1, -1, 0)), rm4, rv4).Data;
        int[] axes = [0, 2, 3];
        Assert.True(Tensor.AllClose(y4.Mean(axes), D(1, -1, 0), 0, 1e-12));
        var centered = y4 - D(1, -1, 0).Reshape(1, 3, 1, 1);
        Assert.True(Tensor.AllClose((centered * centered).Mean(axes), D(4, 4, 4), 1e-4, 0));
    }

    [Fact]
    public void BatchNormUpdatesTheRunningAveragesLikeDeZero()
    {
        var x = Tensor.FromArray(new[,] { { 1.0, 10 }, { 3, 10 }, { 8, 16 } });
        var rm = D(1, 2);
        var rv = D(1, 1);
        F.BatchNorm(new Variable(x), new Variable(D(1, 1)), new Variable(D(0, 0)), rm, rv, decay: 0.9);
        // Channel 0: mean 4, unbiased variance ((-3)² + (-1)² + 4²)/2 = 13; channel 1: mean 12, variance (4+4+16)/2 = 12.
        Assert.True(Tensor.AllClose(rm, D(0.9 * 1 + 0.1 * 4, 0.9 * 2 + 0.1 * 12), 1e-12, 1e-12), $"{rm}");
        Assert.True(Tensor.AllClose(rv, D(0.9 + 0.1 * 13, 0.9 + 0.1 * 12), 1e-12, 1e-12), $"{rv}");

        var rm32 = Tensor.Zeros(DType.Float32, 2);
        var rv32 = Tensor.Ones(DType.Float32, 2);
        F.BatchNorm(new Variable(x.AsType(DType.Float32)), new Variable(Tensor.Ones(2)), new Variable(Tensor.Zeros(2)), rm32, rv32, decay: 0.5);
        Assert.True(Tensor.AllClose(rm32, D(2, 6).AsType(DType.Float32), 1e-6, 0), $"{rm32}");
        Assert.True(Tensor.AllClose(rv32, D(7, 6.5).AsType(DType.Float32), 1e-6, 0), $"{rv32}");
    }

    [Fact]
    public void BatchNormTestModeUsesTheRunningStatistics()
    {
        var x = R(1, 4, 2);
        var rm = D(0.5, -1);
        var rv = D(4, 0.25);
        Variable y;
        using (Config.TestMode())
            y = F.BatchNorm(new Variable(x), new Variable(D(2, 3)), new Variable(D(1, 0)), rm, rv, eps: 1e-3);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(2 * (x.GetDouble(i, 0) - 0.5) / Math.Sqrt(4 + 1e-3) + 1, y.Data.GetDouble(i, 0), 12);
            Assert.Equal(3 * (x.GetDouble(i, 1) + 1) / Math.Sqrt(0.25 + 1e-3), y.Data.GetDouble(i, 1), 12);
        }
        Assert.True(Tensor.ArrayEqual(rm, D(0.5, -1)));
        Assert.True(Tensor.ArrayEqual(rv, D(4, 0.25)));
    }

    [Fact]
    public void BatchNormTrainingGradients()
    {
        var w = R(9, 5, 3);
        var (rm, rv) = Running(3);
        Variable Bn(Variable[] v) => F.BatchNorm(v[0], v[1], v[2], rm, rv) * w;
        GradCheck.Assert(Bn, R(1, 5, 3), R(2, 3), R(3, 3));
        // The gradient w.r.t. x of anything through BatchNorm sums to zero over each channel, so AssertSecond
        // (which differentiates that sum) would see nothing: x is scaled elementwise first to break the symmetry.
        var c = R(7, 5, 3);
        GradCheck.AssertSecond(v => F.BatchNorm(v[0] * c, v[1], v[2], rm, rv) * w, R(1, 5, 3), R(2, 3), R(3, 3));
        GradCheck.AssertSecond(v => F.Tanh(F.BatchNorm(v[0] * c, v[1], v[2], rm, rv)) * w, R(1, 5, 3), R(2, 3), R(3, 3));
        var gamma = R(2, 3);
        GradCheck.AssertSecond(v => F.Tanh(F.BatchNorm(v[1], v[0], v[2], rm, rv)) * w, gamma, R(1, 5, 3), R(3, 3));

        var w4 = R(8, 2, 3, 2, 2);
        var (rm4, rv4) = Running(3);
        GradCheck.Assert(v => F.BatchNorm(v[0], v[1], v[2], rm4, rv4) * w4, R(4, 2, 3, 2, 2), R(5, 3), R(6, 3));
        var c4 = R(7, 2, 3, 2, 2);
        GradCheck.AssertSecond(v => F.BatchNorm(v[0] * c4, v[1], v[2], rm4, rv4) * w4, R(4, 2, 3, 2, 2), R(5, 3), R(6, 3));
    }

    [Fact]
    public void BatchNormTestModeGradients()
    {
        var w = R(9, 5, 3);
        var rm = D(0.5, -1, 0);
        var rv = D(2, 0.5, 1);
        using (Config.TestMode())
        {
            GradCheck.Assert(v => F.BatchNorm(v[0], v[1], v[2], rm, rv) * w, R(1, 5, 3), R(2, 3), R(3, 3));
            GradCheck.AssertSecond(v => F.Tanh(F.BatchNorm(v[0], v[1], v[2], rm, rv)) * w, R(1, 5, 3), R(2, 3), R(3, 3));
            GradCheck.AssertSecond(v => F.Tanh(F.BatchNorm(v[1], v[0], v[2], rm, rv)) * w, R(2, 3), R(1, 5, 3), R(3, 3));
            var w4 = R(8, 2, 3, 2, 2);
            GradCheck.Assert(v => F.BatchNorm(v[0], v[1], v[2], rm, rv) * w4, R(4, 2, 3, 2, 2), R(5, 3), R(6, 3));
        }
        Assert.True(Tensor.ArrayEqual(rm, D(0.5, -1, 0)));
    }

    [Fact]
    public void BatchNormBackwardOutsideTheScopeKeepsTheModeOfItsForward()
    {
        var x = new Variable(R(1, 4, 2));
        var (rm, rv) = (D(0.5, -1), D(4, 0.25));
        Variable y;
        using (Config.TestMode())
            y = F.BatchNorm(x, new Variable(D(2, 3)), new Variable(D(0, 0)), rm, rv);
        F.Sum(y).Backward();
        var expected = Tensor.FromArray(new[] { 2 / Math.Sqrt(4 + 2e-5), 3 / Math.Sqrt(0.25 + 2e-5) }).Reshape(1, 2).BroadcastTo([4, 2]);
        Assert.True(Tensor.AllClose(x.Grad!.Data, expected, 1e-12, 0));
    }

    [Fact]
    public void BatchNormRejectsBadShapesAndSettings()
    {
        var (rm, rv) = Running(3);
        var g = new Variable(Tensor.Ones(DType.Float64, 3));
        var b = new Variable(Tensor.Zeros(DType.Float64, 3));
        var ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(new Variable(R(1, 3)), g, b, rm, rv));
        Assert.Equal("BatchNorm: input of shape (3,) needs at least 2 dimensions (N,C) or (N,C,H,W)", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(new Variable(R(1, 4, 3)), new Variable(Tensor.Ones(DType.Float64, 4)), b, rm, rv));
        Assert.Equal("BatchNorm: gamma of shape (4,) does not match 3 channels of input (4,3) (need (3,))", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(new Variable(R(1, 4, 3, 2, 2)), g, b, rm, Tensor.Ones(DType.Float64, 3, 1)));
        Assert.Equal("BatchNorm: running variance of shape (3,1) does not match 3 channels of input (4,3,2,2) (need (3,))", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.BatchNorm(new Variable(R(1, 1, 3)), g, b, rm, rv));
        Assert.Equal("BatchNorm: training needs more than one value per channel, got input of shape (1,3)", ex.Message);
        using (Config.TestMode())
            Assert.Equal(new[] { 1, 3 }, F.BatchNorm(new Variable(R(1, 1, 3)), g, b, rm, rv).Shape);
        Assert.Throws<ArgumentException>(() => F.BatchNorm(new Variable(R(1, 4, 3)), g, b, rm, rv, decay: 1.5));
        Assert.Throws<ArgumentException>(() => F.BatchNorm(new Variable(R(1, 4, 3)), g, b, rm, rv, eps: 0));
        Assert.True(Tensor.ArrayEqual(rm, Tensor.Zeros(DType.Float64, 3)));
    }

    // ---- EmbedID ----

    [Fact]
    public void EmbedIDLooksUpRowsAndScatterAddsGradients()
    {
        var w = new Variable(R(1, 5, 3));
        var ids = Tensor.FromArray(new[,] { { 1, 3 }, { 1, 0 } });
        var y = F.EmbedID(w, ids);
        Assert.Equal(new[] { 2, 2, 3 }, y.Shape);
        Assert.True(Tensor.ArrayEqual(y.Data[1, 0], w.Data[1]));
        Assert.True(Tensor.ArrayEqual(y.Data[0, 1], w.Data[3]));
        F.Sum(y).Backward();
        var counts = new[] { 1.0, 2, 0, 1, 0 };
        for (int r = 0; r < 5; r++)
            Assert.True(Tensor.ArrayEqual(w.Grad!.Data[r], Tensor.FullLike(w.Data[r], counts[r])), $"row {r}: {w.Grad.Data[r]}");
    }

    [Fact]
    public void EmbedIDGradientChecks()
    {
        var ids = Tensor.FromArray(new long[,] { { 2, 2, 0 }, { 4, 2, 1 } });
        var weights = R(9, 2, 3, 3);
        GradCheck.Assert(v => F.EmbedID(v[0], ids) * weights, R(1, 5, 3));
        GradCheck.AssertSecond(v => F.EmbedID(v[0], ids).Pow(3) * weights, R(1, 5, 3));
        GradCheck.Assert(v => F.EmbedID(v[0], Tensor.FromArray(new[] { 3, 3 })), R(2, 4, 2));
    }

    [Fact]
    public void EmbedIDRejectsIdsOutOfRangeAndBadShapes()
    {
        var w = new Variable(R(1, 5, 3));
        var ex = Assert.Throws<ArgumentException>(() => F.EmbedID(w, Tensor.FromArray(new[] { 0, 5 })));
        Assert.Equal("EmbedID: id 5 is out of range for a vocabulary of V=5 rows", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.EmbedID(w, Tensor.FromArray(new[] { -1 })));
        Assert.Equal("EmbedID: id -1 is out of range for a vocabulary of V=5 rows", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.EmbedID(w, D(1)));
        Assert.StartsWith("EmbedID: ids must be integers, got dtype float64", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => F.EmbedID(new Variable(R(1, 5, 3, 2)), Tensor.FromArray(new[] { 0 })));
        Assert.Equal("EmbedID: weight of shape (5,3,2) needs 2 dimensions (V,D)", ex.Message);
    }
}

/// <summary>Dropout's shared default generator, reseeded: in a collection that runs alone.</summary>
[Collection("DefaultGenerator")]
public class DropoutDefaultGeneratorTests
{
    [Fact]
    public void SeedDefaultMakesTheDefaultMaskReproducible()
    {
        var x = new Variable(Tensor.Ones(DType.Float64, 8, 8));
        DropoutFunction.SeedDefault(11);
        var a = F.Dropout(x).Data;
        var b = F.Dropout(x).Data;
        DropoutFunction.SeedDefault(11);
        var c = F.Dropout(x).Data;
        Assert.True(Tensor.ArrayEqual(a, c));
        Assert.False(Tensor.ArrayEqual(a, b));
        Assert.All(a.ToArray<double>(), v => Assert.True(v == 0 || v == 2, $"value {v}"));
    }
}
