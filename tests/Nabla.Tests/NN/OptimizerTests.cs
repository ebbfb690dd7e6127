using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests.NN;

/// <summary>Each optimizer against an update sequence worked out by hand, on loss = sum(p²)/2 (so g = p).</summary>
public class OptimizerTests
{
    /// <summary>A model of one parameter vector, p = [1, 2] in float64.</summary>
    private sealed class Single : Model
    {
        public Parameter P { get; } = new(Tensor.FromArray(new[] { 1.0, 2.0 }), "P");

        public override Variable Forward(Variable x) => F.Sum(P * P) * 0.5;
    }

    private static double[] Run(Optimizer optimizer, int steps, Single? model = null)
    {
        model ??= new Single();
        optimizer.Setup(model);
        for (int i = 0; i < steps; i++)
        {
            model.ClearGrads();
            model.Forward(new Variable(Tensor.Scalar(0.0))).Backward();
            optimizer.Update();
        }
        return model.P.Data.ToArray<double>();
    }

    private static void Near(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }

    [Fact]
    public void SgdScalesByOneMinusLr()
    {
        Near([0.9, 1.8], Run(new SGD(0.1), 1));
        Near([0.81, 1.62], Run(new SGD(0.1), 2));
    }

    [Fact]
    public void MomentumSgdAccumulatesVelocity()
    {
        // v1 = -0.1·p0 = [-.1, -.2], p1 = [.9, 1.8]; v2 = .9·v1 - .1·p1 = [-.18, -.36], p2 = [.72, 1.44]
        Near([0.9, 1.8], Run(new MomentumSGD(0.1, 0.9), 1));
        Near([0.72, 1.44], Run(new MomentumSGD(0.1, 0.9), 2));
    }

    [Fact]
    public void AdaGradDividesBySquareRootOfSummedSquares()
    {
        // h1 = [1, 4]: p1 = p0 - .1·p0/√h1 = [.9, 1.9]; h2 = h1 + p1² = [1.81, 7.61]
        Near([0.9, 1.9], Run(new AdaGrad(0.1, 0), 1));
        Near([0.9 - 0.1 * 0.9 / Math.Sqrt(1.81), 1.9 - 0.1 * 1.9 / Math.Sqrt(7.61)], Run(new AdaGrad(0.1, 0), 2));
    }

    [Fact]
    public void AdaDeltaFollowsDeZero()
    {
        // msg = .05·g², dx = √(1e-6/(msg + 1e-6))·g: for g = 1, msg = .05, dx = √(1e-6/0.050001)
        double dx0 = Math.Sqrt(1e-6 / (0.05 + 1e-6)) * 1.0, dx1 = Math.Sqrt(1e-6 / (0.2 + 1e-6)) * 2.0;
        Near([1 - dx0, 2 - dx1], Run(new AdaDelta(0.95, 1e-6), 1));
    }

    [Fact]
    public void AdamFirstStepMovesEachWeightByLr()
    {
        // Bias-corrected m/√v = g/|g| on the first step.
        Near([0.9, 1.9], Run(new Adam(0.1, eps: 0), 1));
        // Step 2 with g = p1 = [.9, 1.9]: m = [.18, .37], v = [.001809, .007606].
        double[] m = [0.18, 0.37], v = [0.001809, 0.007606];
        double fix1 = 1 - 0.81, fix2 = 1 - 0.998001;
        Near([0.9 - 0.1 * (m[0] / fix1) / Math.Sqrt(v[0] / fix2), 1.9 - 0.1 * (m[1] / fix1) / Math.Sqrt(v[1] / fix2)],
            Run(new Adam(0.1, eps: 0), 2));
    }

    [Fact]
    public void WeightDecayAddsRateTimesWeights()
    {
        // g = p + 0.5·p = 1.5·p: SGD(0.1) gives p·(1 - 0.15).
        Near([0.85, 1.7], Run(new SGD(0.1).AddHook(new WeightDecay(0.5)), 1));
    }

    [Fact]
    public void ClipGradLimitsTheGlobalNorm()
    {
        var model = new Single();
        model.P.Data = Tensor.FromArray(new[] { 3.0, 4.0 });
        // g = [3, 4] of norm 5 is scaled to norm 1 (up to the 1e-6 guard): SGD(1) moves p by [.6, .8].
        double scale = 1 / (5 + 1e-6);
        Near([3 - 3 * scale, 4 - 4 * scale], Run(new SGD(1).AddHook(new ClipGrad(1)), 1, model));
        model.P.Data = Tensor.FromArray(new[] { 0.3, 0.4 });
        Near([0, 0], Run(new SGD(1).AddHook(new ClipGrad(1)), 1, model));
    }

    [Fact]
    public void FreezeParamLeavesParametersUnchanged()
    {
        var model = new Single();
        Near([1, 2], Run(new SGD(0.1).AddHook(new FreezeParam(model.P)), 3, model));
        var mlp = new MLP([3, 2], dtype: DType.Float64);
        var x = Tensor.Randn(new Generator(1), DType.Float64, 4, 5);
        mlp.Forward(x);
        var before = mlp.Linears[0].W.Data.Copy();
        var second = mlp.Linears[1].W.Data.Copy();
        var opt = new SGD(0.1).AddHook(new FreezeParam(mlp.Linears[0])).Setup(mlp);
        F.Sum(mlp.Forward(x)).Backward();
        opt.Update();
        Assert.True(Tensor.ArrayEqual(before, mlp.Linears[0].W.Data));
        Assert.False(Tensor.ArrayEqual(second, mlp.Linears[1].W.Data));
    }

    [Fact]
    public void ParametersWithoutGradientsAreSkipped()
    {
        var model = new Single();
        var opt = new Adam().Setup(model);
        opt.Update();
        Near([1, 2], model.P.Data.ToArray<double>());
    }

    [Fact]
    public void UpdatesDoNotAllocateInProportionToTheWeights()
    {
        var model = new Sequential(new Linear(100, 100, dtype: DType.Float32, gen: new Generator(2)));
        var x = new Variable(Tensor.Randn(new Generator(3), DType.Float32, 8, 100));
        var opt = new Adam().AddHook(new WeightDecay(1e-4)).Setup(model);
        F.Sum(model.Forward(x)).Backward();
        opt.Update();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++) opt.Update();
        long perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / 20;
        // 10,100 float weights are 40 KB; the bookkeeping of two parameters is a few hundred bytes.
        Assert.True(perStep < 2048, $"{perStep} bytes allocated per update");
    }

    [Fact]
    public void BadUseIsReported()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new SGD().Update());
        Assert.Contains("Setup", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new WeightDecay(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClipGrad(0));
    }
}
