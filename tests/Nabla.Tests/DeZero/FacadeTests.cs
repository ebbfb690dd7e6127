using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;
using Xunit;
using DF = Nabla.DeZero.F;

namespace Nabla.Tests.DeZero;

/// <summary>
/// The DeZero facade pins DeZero's numbers (from DeZero's own code, the book's repository at 28cb870, run with
/// NumPy 1.24 on the same inputs); Nabla's F without it keeps PyTorch's conventions on the same inputs.
/// </summary>
public class FacadeTests
{
    private static Variable V(double[,] a) => new(Tensor.FromArray(a));

    private static Variable X() => V(new[,] { { 0.5, -1.0, 2.0 }, { 1.5, 0.25, -0.75 } });

    private static Variable T() => V(new[,] { { 1.0, 0.0, 1.0 }, { 0.0, 0.0, 1.0 } });

    private static void Near(double[] expected, Tensor actual, double tol = 1e-14)
    {
        var a = actual.AsType(DType.Float64).ToArray<double>();
        Assert.Equal(expected.Length, a.Length);
        for (int i = 0; i < a.Length; i++)
            Assert.True(Math.Abs(expected[i] - a[i]) <= tol * Math.Max(1, Math.Abs(expected[i])), $"element {i}: expected {expected[i]:R}, got {a[i]:R}");
    }

    [Fact]
    public void MeanSquaredErrorDividesByTheBatchSize()
    {
        var (x, t) = (X(), T());
        var y = DF.MeanSquaredError(x, t);
        y.Backward();
        Near([3.8125], y.Data);
        Near([-0.5, -1.0, 1.0, 1.5, 0.25, -1.75], x.Grad!.Data);
        Near([0.5, 1.0, -1.0, -1.5, -0.25, 1.75], t.Grad!.Data);
        // PyTorch's MSELoss (Nabla's default): the mean over all six elements.
        Near([3.8125 * 2 / 6], F.MeanSquaredError(X(), T()).Data);
    }

    [Fact]
    public void SigmoidCrossEntropyByBatchWithTheTargetsGradient()
    {
        var (x, t) = (X(), T());
        var y = DF.SigmoidCrossEntropy(x, t);
        y.Backward();
        Near([2.289245193358899], y.Data);
        Near([-0.1887703343990727, 0.13447071068499755, -0.05960146101105879, 0.4087872380968218, 0.28108825044289903, -0.3395893495876965], x.Grad!.Data);
        Near([-0.25, 0.5, -0.9999999999999999, -0.7499999999999999, -0.12499999999999994, 0.375], t.Grad!.Data);
        Near([2.289245193358899 * 2 / 6], F.SigmoidCrossEntropy(X(), T()).Data);
    }

    [Fact]
    public void SigmoidCrossEntropyReshapesATargetWithFewerAxes()
    {
        var x = V(new[,] { { 0.3 }, { -1.2 }, { 2.5 } });
        var y = DF.SigmoidCrossEntropy(x, Tensor.FromArray(new long[] { 1, 0, 1 }));
        y.Backward();
        Near([0.29884248203303604], y.Data);
        Near([-0.1418524943961137, 0.07715840550032747, -0.025286060007081185], x.Grad!.Data);
    }

    [Fact]
    public void BinaryCrossEntropyClipsAsDeZeroAndDividesByTheBatch()
    {
        var p = V(new[,] { { 0.2, 0.9995, 0.6 }, { 0.01, 0.5, 0.3 } });
        var t = T();
        var y = DF.BinaryCrossEntropy(p, t);
        y.Backward();
        Near([5.467594567960805], y.Data, 1e-13);
        Near([-2.5, 0.0, -0.8333333333333334, 0.5050505050505051, 1.0, -1.6666666666666667], p.Grad!.Data, 1e-12);
        Near([0.6931471805599453, -3.453377389324276, -0.20273255405408214, 2.297559925067295, 0.0, 0.4236489301936017], t.Grad!.Data, 1e-12);
    }

    private static Variable PoolInput()
    {
        var values = Enumerable.Range(0, 32).Select(i => -(i + 1) / 7.0 + Math.Cos(i)).ToArray();
        return new Variable(Tensor.FromArray(values).Reshape(1, 2, 4, 4));
    }

    private static Variable Weighted(Variable y) =>
        F.Sum(y * new Variable(Tensor.Arange(0.0, y.Size, 1, DType.Float64).Reshape(y.Shape)));

    [Fact]
    public void PoolingHasStrideOneByDefault()
    {
        var x = PoolInput();
        var y = DF.Pooling(x, 3);
        Assert.Equal([1, 2, 2, 2], y.Shape);
        Weighted(y).Backward();
        Near([0.8571428571428572, 0.25458802015385396, -0.03982971334963392, -0.03982971334963392, -2.0539690060416342, -1.868438238956188, -2.591917938186608, -2.723082902422241], y.Data, 1e-12);
        var g = new double[32];
        (g[1], g[6], g[18], g[19], g[20], g[25]) = (1, 5, 4, 5, 6, 7);
        Near(g, x.Grad!.Data);
        // PyTorch's MaxPool2d(3): stride 3, one window per channel.
        Assert.Equal([1, 2, 1, 1], F.Pooling(PoolInput(), 3).Shape);
    }

    [Fact]
    public void MaxPoolingPadsWithZeros()
    {
        var x = PoolInput();
        var y = DF.Pooling(x, 3, stride: 2, pad: 1);
        Assert.Equal([1, 2, 2, 2], y.Shape);
        Weighted(y).Backward();
        Near([0.8571428571428572, 0.25458802015385396, 0.0, -0.03982971334963392, 0.0, 0.0, 0.0, -2.723082902422241], y.Data, 1e-12);
        var g = new double[32];
        (g[1], g[6], g[25]) = (1, 3, 7);
        Near(g, x.Grad!.Data);
        // Nabla's default ignores the padding (PyTorch): the windows of channel 1 then hold negative maxima only.
        var torchLike = F.Pooling(PoolInput(), 3, stride: 2, pad: 1).Data.ToArray<double>();
        Assert.All(torchLike[4..], v => Assert.True(v < 0));
        GradCheck(v => F.Pooling(v, 3, 2, 1, padValue: 0.1));
    }

    private static void GradCheck(Func<Variable, Variable> f) =>
        Nabla.Tests.Autodiff.GradCheck.Assert(v => f(v[0]), PoolInput().Data);

    [Fact]
    public void AveragePoolingHasStrideOneByDefault()
    {
        var y = DF.AveragePooling(PoolInput(), 2);
        Assert.Equal([1, 2, 3, 3], y.Shape);
        Near([-0.20741978238306147, -0.30086015749849543, -0.708730983752765, -1.4280815042019905, -1.3408780439975985, -1.1372861796665399,
            -1.4691895317347936, -1.9622187335400605, -2.292970560006276, -3.12883178991075, -3.219205607678034, -3.042371701502893,
            -3.0382092019454587, -3.477391988106698, -3.9373604761404506, -4.002391822771953, -3.8103495578308975, -3.8583421339639843], y.Data, 1e-12);
    }

    [Fact]
    public void EmbedIdTakesTheIdsFirst()
    {
        var w = new Variable(Tensor.Arange(0.0, 12, 1, DType.Float64).Reshape(4, 3));
        var y = DF.EmbedID(Tensor.FromArray(new long[,] { { 0, 3 }, { 3, 1 } }), w);
        F.Sum(y * y).Backward();
        Near([0, 1, 2, 9, 10, 11, 9, 10, 11, 3, 4, 5], y.Data);
        Near([0, 2, 4, 6, 8, 10, 0, 0, 0, 36, 40, 44], w.Grad!.Data);
        Assert.Equal(y.Data.ToArray<double>(), DF.EmbedID(new Variable(Tensor.FromArray(new long[,] { { 0, 3 }, { 3, 1 } })), w).Data.ToArray<double>());
    }

    private sealed class Quadratic : Model
    {
        public Parameter P { get; } = new(Tensor.FromArray(new[] { 1.0, -2.0, 0.5 }), "p");

        public override Variable Forward(Variable x) => F.Sum(P * P * x);
    }

    private static double[][] RunAdam(Nabla.NN.Optimizers.Optimizer opt)
    {
        var model = new Quadratic();
        opt.Setup(model);
        var c = new Variable(Tensor.FromArray(new[] { 1.0, 3.0, 0.01 }));
        var trace = new double[3][];
        for (int i = 0; i < 3; i++)
        {
            var loss = model.Forward(c);
            model.ClearGrads();
            loss.Backward();
            opt.Update();
            trace[i] = model.P.Data.ToArray<double>();
        }
        return trace;
    }

    [Fact]
    public void AdamAddsEpsBeforeTheBiasCorrectionAsDeZero()
    {
        var dezero = RunAdam(Nabla.DeZero.Optimizers.Adam(alpha: 0.1));
        Near([0.9000000158113858, -1.9000000026352313, 0.4000031621776633], Tensor.FromArray(dezero[0]), 1e-13);
        Near([0.8004122550985358, -1.8001664901480179, 0.30119295987143535], Tensor.FromArray(dezero[1]), 1e-13);
        Near([0.7015863085615979, -1.7006233973989628, 0.20487875039115358], Tensor.FromArray(dezero[2]), 1e-13);
        // PyTorch's torch.optim.Adam formula (Nabla's default) on the same problem.
        var torch = RunAdam(new Nabla.NN.Optimizers.Adam(0.1));
        Near([0.9000000005, -1.9000000000833333, 0.40000009999989994], Tensor.FromArray(torch[0]), 1e-13);
        Near([0.70158627294603, -1.7006233915360325, 0.20487156729593115], Tensor.FromArray(torch[2]), 1e-13);
    }
}
