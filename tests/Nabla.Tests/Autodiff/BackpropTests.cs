using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

/// <summary>The engine: DeZero's classic results, higher-order derivatives, graph bookkeeping and its errors.</summary>
public class BackpropTests
{
    private static Variable S(double v) => new(Tensor.Scalar(v));

    [Fact]
    public void SphereMatyasGoldsteinGradientsAtOneOne()
    {
        var (x, y) = (S(1), S(1));
        (x * x + y * y).Backward();
        Assert.Equal((2.0, 2.0), (x.Grad!.Data.Item(), y.Grad!.Data.Item()));

        (x, y) = (S(1), S(1));
        (0.26 * (x * x + y * y) - 0.48 * x * y).Backward();
        Assert.Equal(0.04, x.Grad!.Data.Item(), 12);
        Assert.Equal(0.04, y.Grad!.Data.Item(), 12);

        (x, y) = (S(1), S(1));
        var a = 1.0 + (x + y + 1.0).Pow(2) * (19.0 - 14.0 * x + 3.0 * x.Pow(2) - 14.0 * y + 6.0 * x * y + 3.0 * y.Pow(2));
        var b = 30.0 + (2.0 * x - 3.0 * y).Pow(2) * (18.0 - 32.0 * x + 12.0 * x.Pow(2) + 48.0 * y - 36.0 * x * y + 27.0 * y.Pow(2));
        (a * b).Backward();
        Assert.Equal(-5376.0, x.Grad!.Data.Item(), 9);
        Assert.Equal(8064.0, y.Grad!.Data.Item(), 9);
    }

    [Fact]
    public void NewtonsMethodWithDoubleBackpropFindsTheMinimum()
    {
        var x = S(2.0);
        int steps = 0;
        for (; steps < 10 && Math.Abs(x.Data.Item() - 1.0) > 1e-12; steps++)
        {
            var y = x.Pow(4) - 2.0 * x.Pow(2);
            x.ClearGrad();
            y.Backward(createGraph: true);
            var gx = x.Grad!;
            x.ClearGrad();
            gx.Backward();
            var gx2 = x.Grad!;
            x.Data = x.Data - gx.Data / gx2.Data;
        }
        Assert.True(steps < 10, $"took {steps} steps");
        Assert.Equal(1.0, x.Data.Item(), 12);
    }

    [Fact]
    public void TanhDerivativesOneToSixMatchClosedForms()
    {
        double t = Math.Tanh(1.0);
        double s = 1 - t * t;
        double[] expected =
        [
            s,
            -2 * t * s,
            s * (6 * t * t - 2),
            s * (16 * t - 24 * t * t * t),
            s * (16 - 120 * t * t + 120 * Math.Pow(t, 4)),
            s * (-272 * t + 960 * Math.Pow(t, 3) - 720 * Math.Pow(t, 5)),
        ];
        var x = S(1.0);
        var y = F.Tanh(x);
        y.Backward(createGraph: true);
        for (int n = 0; n < 6; n++)
        {
            var gx = x.Grad!;
            Assert.Equal(expected[n], gx.Data.Item(), 10);
            x.ClearGrad();
            gx.Backward(createGraph: true);
        }
    }

    [Fact]
    public void VariableUsedTwiceAccumulatesAndDiamondGraphsVisitOnce()
    {
        var x = S(3.0);
        (x + x).Backward();
        Assert.Equal(2.0, x.Grad!.Data.Item());

        x = S(2.0);
        var a = x.Pow(2);
        var y = a.Pow(2) + a.Pow(2);
        y.Backward();
        Assert.Equal(32.0, y.Data.Item());
        Assert.Equal(64.0, x.Grad!.Data.Item());
    }

    [Fact]
    public void IntermediateGradientsAreFreedUnlessRetained()
    {
        var x = S(2.0);
        var a = F.Exp(x);
        var y = a * a;
        y.Backward();
        Assert.Null(a.Grad);
        Assert.NotNull(x.Grad);
        x.ClearGrad();
        y = a * a;
        y.Backward(retainGrad: true);
        Assert.NotNull(a.Grad);
    }

    [Fact]
    public void NoGradRecordsNothingAndBackwardSaysWhy()
    {
        var x = S(2.0);
        Variable y;
        using (Config.NoGrad())
        {
            Assert.False(Config.EnableBackprop);
            y = x * x;
        }
        Assert.True(Config.EnableBackprop);
        Assert.Null(y.Creator);
        var ex = Assert.Throws<InvalidOperationException>(() => y.Backward());
        Assert.Contains("NoGrad", ex.Message);
    }

    [Fact]
    public void ConfigScopesRestoreEvenWhenAnExceptionFlies()
    {
        try
        {
            using (Config.TestMode())
            using (Config.NoGrad())
            {
                Assert.False(Config.Train);
                throw new InvalidOperationException("boom");
            }
        }
        catch (InvalidOperationException) { }
        Assert.True(Config.Train);
        Assert.True(Config.EnableBackprop);
    }

    [Fact]
    public async Task ConfigIsPerAsyncFlow()
    {
        using (Config.NoGrad())
        {
            bool other = await Task.Run(() => Config.EnableBackprop);
            Assert.False(other);
        }
        var gate = new TaskCompletionSource();
        var t = Task.Run(async () =>
        {
            using (Config.NoGrad()) await gate.Task;
        });
        Assert.True(Config.EnableBackprop);
        gate.SetResult();
        await t;
    }

    [Fact]
    public void GenerationsOrderTheWalk()
    {
        var x = S(1.0);
        var a = F.Exp(x);
        var b = F.Sin(a);
        Assert.Equal(0, x.Generation);
        Assert.Equal(1, a.Generation);
        Assert.Equal(2, b.Generation);
        Assert.Same(a, b.Creator!.Inputs[0]);
    }

    [Fact]
    public void UnchainBackwardCutsTheGraphBehind()
    {
        var x = S(1.0);
        var h = F.Tanh(x);
        var y = F.Exp(h);
        y.UnchainBackward();
        Assert.Null(h.Creator);
        y.Backward();
        Assert.NotNull(h.Grad ?? null);
        Assert.Null(x.Grad);
    }

    [Fact]
    public void BackwardOnIntegersAndMismatchedBroadcastThrowClearly()
    {
        var i = new Variable(Tensor.FromArray(new[] { 1, 2 }));
        var ex = Assert.Throws<InvalidOperationException>(() => i.Backward());
        Assert.Contains("int32", ex.Message);
        var e2 = Assert.Throws<ArgumentException>(() => new Variable(Tensor.Zeros(2, 3)) + new Variable(Tensor.Zeros(4)));
        Assert.Equal("Add: cannot broadcast (2,3) with (4,)", e2.Message);
    }

    [Fact]
    public void ToStringLooksLikeDeZero()
    {
        var v = new Variable(Tensor.FromArray(new double[,] { { 1, 2 }, { 3, 4 } }));
        Assert.Equal("variable([[1. 2.]\n          [3. 4.]])", v.ToString());
    }
}
