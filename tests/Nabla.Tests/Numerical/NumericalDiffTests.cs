using Nabla.Autodiff;
using Nabla.Numerical;
using Nabla.Tensors;

using Nabla.Tests.Derivatives;

namespace Nabla.Tests.Numerical;

/// <summary>Finite differences: accuracy per scheme, the truncation/round-off trade-off, and the gradient check.</summary>
public class NumericalDiffTests
{
    private static double ExpSin(double x) => Math.Exp(x) * Math.Sin(x);

    private static readonly double ExpSinPrime = Math.E * (Math.Sin(1) + Math.Cos(1));

    [Fact]
    public void Derivative_DefaultStepsReachEachSchemesAccuracy()
    {
        double Error(FiniteDifference s) => Math.Abs(NumericalDiff.Derivative(ExpSin, 1.0, s) - ExpSinPrime);
        Assert.True(Error(FiniteDifference.Forward) < 1e-7, $"forward {Error(FiniteDifference.Forward)}");
        Assert.True(Error(FiniteDifference.Central) < 1e-9, $"central {Error(FiniteDifference.Central)}");
        Assert.True(Error(FiniteDifference.Richardson) < 1e-12, $"richardson {Error(FiniteDifference.Richardson)}");
        // Steps scale with |x|: at x = 1e6 a step of ∛ε would be lost in rounding.
        Assert.Equal(Math.Cbrt(Math.Pow(2, -52)) * 1e6, NumericalDiff.DefaultStep(FiniteDifference.Central, -1e6), 1e-12);
        Close.Assert(3e12, NumericalDiff.Derivative(x => x * x * x, 1e6), 1e-9, 0, "d/dx x³ at 1e6");
    }

    [Fact]
    public void ErrorTable_ShowsTruncationThenRoundOff()
    {
        var table = NumericalDiff.ErrorTable(ExpSin, 1.0, ExpSinPrime);
        Assert.Equal(12 * 3, table.Rows.Count);
        double Central(double h) => table.Row(FiniteDifference.Central, h).AbsError;
        // Truncation: the central error falls as h² while h is large ...
        Assert.InRange(Central(1e-1) / Central(1e-2), 80, 120);
        Assert.True(Central(1e-1) > 1e-3);
        // ... is about 1e-11 near the balance point h ≈ ∛ε ≈ 6e-6 ...
        Assert.True(Central(1e-5) < 1e-10, $"central at 1e-5: {Central(1e-5)}");
        Assert.InRange(table.Best(FiniteDifference.Central).Step, 1e-8, 1e-4);
        // ... and round-off, about ε|f|/h, takes over below it.
        Assert.True(Central(1e-12) > 1e5 * Central(1e-5), $"central at 1e-12: {Central(1e-12)}");
        Assert.True(Central(1e-10) > 1e3 * Central(1e-5));
        // Forward differences are first order: error ∝ h.
        double Forward(double h) => table.Row(FiniteDifference.Forward, h).AbsError;
        Assert.InRange(Forward(1e-2) / Forward(1e-3), 8, 12);
        var text = table.ToString();
        Assert.Contains("central", text);
        Assert.Contains("1e-12", text);
        Assert.Equal(3 + 12, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Richardson_BeatsCentralAtTheSameStep()
    {
        var table = NumericalDiff.ErrorTable(ExpSin, 1.0, ExpSinPrime);
        foreach (double h in new[] { 1e-1, 1e-2, 1e-3, 1e-4 })
        {
            double central = table.Row(FiniteDifference.Central, h).AbsError;
            double richardson = table.Row(FiniteDifference.Richardson, h).AbsError;
            Assert.True(richardson < central / 100, $"h = {h}: richardson {richardson} vs central {central}");
        }
        var single = NumericalDiff.ErrorTable(Math.Sin, 0.5, Math.Cos(0.5), FiniteDifference.Richardson);
        Assert.Equal([FiniteDifference.Richardson], single.Schemes);
        Assert.True(single.Best(FiniteDifference.Richardson).AbsError < 1e-12);
    }

    [Fact]
    public void Gradient_JacobianAndHessian_OfKnownFunctions()
    {
        var x = Tensor.FromArray(new[,] { { 0.5, -1.0 }, { 2.0, 0.25 } });
        // f = Σ xᵢ³: ∇f = 3x², H = diag(6x).
        var grad = NumericalDiff.Gradient(t => t.Pow(3).Sum().Item(), x, FiniteDifference.Richardson);
        Close.Assert(x * x * 3.0, grad, 1e-11, 1e-11, "gradient of Σx³");
        foreach (var scheme in new[] { FiniteDifference.Forward, FiniteDifference.Central, FiniteDifference.Richardson })
        {
            var h = NumericalDiff.Hessian(t => t.Pow(3).Sum().Item(), x, scheme);
            var exact = Tensor.Zeros(DType.Float64, 2, 2, 2, 2);
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 2; j++)
                    exact.SetDouble(6 * x.GetDouble(i, j), i, j, i, j);
            double tol = scheme == FiniteDifference.Forward ? 1e-4 : 1e-7;
            Close.Assert(exact, h, tol, tol, $"{scheme} Hessian of Σx³");
        }
        var jac = NumericalDiff.Jacobian(v => F.Sin(v), Tensor.FromArray(new[] { 0.1, 0.2 }), FiniteDifference.Central);
        Close.Assert(Tensor.FromArray(new[,] { { Math.Cos(0.1), 0 }, { 0, Math.Cos(0.2) } }), jac, 1e-9, 1e-10, "Jacobian of sin");
        var float32 = NumericalDiff.Gradient(v => F.Sum(v * v), Tensor.FromArray(new[] { 1f, 2f }));
        Assert.Equal(DType.Float64, float32.DType);
        Close.Assert(Tensor.FromArray(new[] { 2.0, 4.0 }), float32, 1e-9, 1e-9, "float32 input differenced in float64");
    }

    /// <summary>x², with a backward rule that is wrong by 10% at flat index 3 (and a correct forward-mode rule).</summary>
    private sealed class SquareWithWrongGradient : Function
    {
        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] * xs[0]];

        protected internal override Variable?[] Backward(Variable[] gys)
        {
            var x = Inputs[0];
            var error = Tensor.OnesLike(x.Data);
            error.Reshape(-1).SetDouble(1.1, 3);
            return [gys[0] * x * 2.0 * error];
        }

        protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [xs[0] * txs[0] * 2.0];
    }

    [Fact]
    public void GradientCheck_FindsAWrongBackwardAndSaysWhere()
    {
        var a = DiffCases.R(1, 3);
        var b = DiffCases.R(2, 2, 3);
        var report = NumericalDiff.GradientCheck(v => F.Sin(v[0]) * new SquareWithWrongGradient().Call(v[1]), [a, b]);
        Assert.False(report.Passed);
        Assert.Equal(1, report.WorstInput);
        Assert.Equal(3, report.WorstIndex);
        Assert.Equal([1, 0], report.WorstPosition);
        Assert.Equal(1, report.Failures);
        Assert.Equal(3 + 6, report.Checked);
        Assert.Equal(1.1, report.Backprop / report.Numerical, 6);
        var text = report.ToString();
        Assert.Contains("FAILED", text);
        Assert.Contains("input 1, flat index 3 (position [1, 0])", text);
    }

    [Fact]
    public void GradientCheck_PassesCorrectGradients()
    {
        var report = NumericalDiff.GradientCheck(DiffCases.MlpLoss, DiffCases.MlpWeights());
        Assert.True(report.Passed, report.ToString());
        Assert.True(report.MaxAbsError < 1e-10, report.ToString());
        Assert.Equal(20 + 5 + 15 + 3, report.Checked);
        Assert.StartsWith("GradientCheck passed", report.ToString());
        var vector = NumericalDiff.GradientCheck(v => F.Softmax(v[0]) * v[1], [DiffCases.R(3, 2, 3), DiffCases.R(4, 3)], 1e-9, 1e-10);
        Assert.True(vector.Passed, vector.ToString());
        using (Config.NoGrad())
            Assert.True(NumericalDiff.GradientCheck(v => F.Tanh(v[0]), [DiffCases.R(5, 4)]).Passed);
    }

    [Fact]
    public void BadSteps_AreRefusedWithTheStepInTheMessage()
    {
        var zero = Assert.Throws<ArgumentOutOfRangeException>(() => NumericalDiff.Derivative(Math.Sin, 1.0, h: 0));
        Assert.Contains("positive", zero.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NumericalDiff.Derivative(Math.Sin, 1.0, h: -1e-3));
        Assert.Throws<ArgumentOutOfRangeException>(() => NumericalDiff.Derivative(Math.Sin, 1.0, h: double.NaN));
        var tiny = Assert.Throws<ArgumentOutOfRangeException>(() => NumericalDiff.Derivative(Math.Sin, 1.0, h: 1e-20));
        Assert.Contains("x + h == x", tiny.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NumericalDiff.Derivative(Math.Sin, 1.0, (FiniteDifference)7));
        Assert.Throws<ArgumentException>(() => NumericalDiff.ErrorTable(Math.Sin, 1.0, double.NaN));
        var ints = Assert.Throws<ArgumentException>(() => NumericalDiff.Gradient(t => 0.0, Tensor.FromArray(new[] { 1, 2 })));
        Assert.Contains("int32", ints.Message);
        var vector = Assert.Throws<ArgumentException>(() => NumericalDiff.Gradient(v => v * 2.0, DiffCases.R(1, 3)));
        Assert.Contains("scalar", vector.Message);
        Assert.Throws<ArgumentException>(() => NumericalDiff.GradientCheck(v => v[0], [Tensor.FromArray(new long[] { 1 })]));
        Assert.Throws<ArgumentOutOfRangeException>(() => NumericalDiff.GradientCheck(v => v[0], [DiffCases.R(1, 2)], rtol: -1));
    }
}
