using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.Numerical;
using Nabla.Tensors;

namespace Nabla.Tests.Derivatives;

/// <summary>
/// The losses' reductions, broadcasting targets and target gradients: every reduction against finite differences
/// in float64 (both inputs), and BatchMean against DeZero's own numbers on the same inputs (DeZero's
/// mean_squared_error, sigmoid_cross_entropy and binary_cross_entropy run under NumPy 1.24.2, printed with repr).
/// </summary>
public class LossReductionTests
{
    private static readonly Tensor X = Tensor.FromArray(new[,] { { 0.5, -1.2, 2.0 }, { 0.3, 0.1, -0.7 } });
    private static readonly Tensor TFloat = Tensor.FromArray(new[,] { { 0.9, 0.1, 0.8 }, { 0.2, 0.3, 0.7 } });
    private static readonly Reduction[] All = [Reduction.Mean, Reduction.Sum, Reduction.None, Reduction.BatchMean];

    private static Variable Reduced(Variable y) => y.NDim == 0 ? y : F.Sum(y * y);

    [Fact]
    public void EveryReduction_MatchesFiniteDifferences_ForBothInputs()
    {
        var p = Tensor.FromArray(new[,] { { 0.3, 0.6, 0.8 }, { 0.55, 0.2, 0.4 } });
        foreach (var r in All)
        {
            var mse = NumericalDiff.GradientCheck(v => Reduced(F.MeanSquaredError(v[0], v[1], r)), [X, TFloat]);
            Assert.True(mse.Passed, $"{r}: {mse}");
            var sce = NumericalDiff.GradientCheck(v => Reduced(F.SigmoidCrossEntropy(v[0], v[1], r)), [X, TFloat]);
            Assert.True(sce.Passed, $"{r}: {sce}");
            var bce = NumericalDiff.GradientCheck(v => Reduced(F.BinaryCrossEntropy(v[0], v[1], r)), [p, TFloat]);
            Assert.True(bce.Passed, $"{r}: {bce}");
        }
    }

    [Fact]
    public void Reductions_ScaleTheSameSum()
    {
        double sum = F.MeanSquaredError(new Variable(X), new Variable(TFloat), Reduction.Sum).Data.Item();
        Assert.Equal(sum / 6, F.MeanSquaredError(new Variable(X), new Variable(TFloat)).Data.Item(), 14);
        Assert.Equal(sum / 2, F.MeanSquaredError(new Variable(X), new Variable(TFloat), Reduction.BatchMean).Data.Item(), 14);
        var none = F.SigmoidCrossEntropy(new Variable(X), TFloat, Reduction.None);
        Assert.Equal([2, 3], none.Shape);
        Assert.Equal(F.SigmoidCrossEntropy(new Variable(X), TFloat, Reduction.Sum).Data.Item(), none.Data.Sum().Item(), 14);
    }

    [Fact]
    public void BatchMean_IsDeZeros()
    {
        var x = new Variable(X);
        var t = new Variable(Tensor.FromArray(new[,] { { 0.1, 0.2, 0.3 }, { -0.4, 0.5, 0.6 } }));
        var y = F.MeanSquaredError(x, t, Reduction.BatchMean);
        y.Backward();
        Assert.Equal(3.675, y.Data.Item(), 14);
        Assert.Equal(0.4, x.Grad!.Data.GetDouble(0, 0), 14);
        Assert.Equal(1.2999999999999998, t.Grad!.Data.GetDouble(1, 2), 14);

        x = new Variable(X);
        var tf = new Variable(TFloat);
        y = F.SigmoidCrossEntropy(x, tf, Reduction.BatchMean);
        y.Backward();
        Assert.Equal(1.918112707994333, y.Data.Item(), 13);
        Assert.Equal(0.06573760825049121, x.Grad!.Data.GetDouble(0, 1), 13);
        Assert.Equal(-0.14999999999999986, tf.Grad!.Data.GetDouble(1, 0), 13);
        Assert.Equal(1.7831127079943332, F.SigmoidCrossEntropy(new Variable(X), Tensor.FromArray(new long[,] { { 1, 0, 1 }, { 0, 0, 1 } }), Reduction.BatchMean).Data.Item(), 13);

        var p = new Variable(F.Sigmoid(new Variable(X)).Data);
        tf = new Variable(TFloat);
        y = F.BinaryCrossEntropy(p, tf, Reduction.BatchMean);
        y.Backward();
        Assert.Equal(1.918112707994333, y.Data.Item(), 12);
        Assert.Equal(0.38477149659842047, p.Grad!.Data.GetDouble(0, 2), 12);
        Assert.Equal(-0.0500000000000001, tf.Grad!.Data.GetDouble(1, 1), 12);
    }

    [Fact]
    public void MeanSquaredError_BroadcastsTargets_AsDeZero()
    {
        // The book's RNN step: a (1,1) prediction against a (1) target.
        var a = new Variable(Tensor.FromArray(new[,] { { 2.5 } }));
        var b = new Variable(Tensor.FromArray(new[] { 1.0 }));
        var y = F.MeanSquaredError(a, b, Reduction.BatchMean);
        y.Backward();
        Assert.Equal(2.25, y.Data.Item());
        Assert.Equal(3.0, a.Grad!.Data.GetDouble(0, 0));
        Assert.Equal([1], b.Grad!.Shape);
        Assert.Equal(-3.0, b.Grad.Data.GetDouble(0));
        var e = Assert.Throws<ArgumentException>(() => F.MeanSquaredError(new Variable(Tensor.Zeros(DType.Float64, 2, 1)), new Variable(Tensor.Zeros(DType.Float64, 1, 3))));
        Assert.Contains("MeanSquaredError", e.Message);
    }

    [Fact]
    public void Targets_GetNoGradient_WhenTheyDoNotAsk()
    {
        var x = new Variable(X);
        var t = new Variable(TFloat) { RequiresGrad = false };
        F.SigmoidCrossEntropy(x, t).Backward();
        Assert.Null(t.Grad);
        Assert.NotNull(x.Grad);
        var p = new Variable(F.Sigmoid(new Variable(X)).Data);
        F.BinaryCrossEntropy(p, TFloat).Backward();
        Assert.NotNull(p.Grad);
    }
}
