using Nabla.Autodiff;
using Nabla.Numerical;
using Nabla.Tensors;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Derivatives;

/// <summary>Forward mode without a graph, forward-over-reverse, and Hessian-vector products at a size where H cannot exist.</summary>
public class ForwardModeTests
{
    private static Variable Sample(Variable x) => F.Sum(F.Exp(F.Sin(x)) * x);

    [Fact]
    public void ForwardMode_WorksInsideNoGrad_AndRecordsNoGraph()
    {
        var x = DiffCases.R(1, 5);
        var v = DiffCases.R(2, 5);
        var expected = Close.Dot(D.Grad(Sample, x), v);
        using (Config.NoGrad())
        {
            var xv = new Variable(x) { Tangent = v };
            var y = Sample(xv);
            Assert.Null(y.Creator);
            Assert.NotNull(y.Tangent);
            Close.Assert(expected, y.Tangent!.Item(), 1e-12, 1e-12, "tangent carried inside NoGrad");
            Close.Assert(expected, D.Jvp(Sample, x, v).Tangent.Item(), 1e-12, 1e-12, "Jvp inside NoGrad");
            // Reverse-mode operators record the graph they need even here.
            Close.Assert(expected, Close.Dot(D.Grad(Sample, x), v), 0, 0, "Grad inside NoGrad");
        }
    }

    [Fact]
    public void ForwardOverReverse_TheGradientsTangentIsHv()
    {
        var x = DiffCases.R(3, 4);
        var v = DiffCases.R(4, 4);
        var xv = new Variable(x) { Tangent = v };
        Sample(xv).Backward(createGraph: true);
        var hv = xv.Grad!.Tangent!;
        var numerical = NumericalDiff.Hessian(Sample, x, FiniteDifference.Richardson);
        Close.Assert(Close.Apply(numerical, v, [4]), hv, 1e-8, 1e-9, "tangent of the gradient vs numerical H·v");
        Close.Assert(hv, D.Hvp(Sample, x, v), 1e-14, 1e-14, "Derivatives.Hvp");
        // The gradient recorded with createGraph can itself be differentiated: Hessian row sums by reverse-over-reverse.
        xv.Tangent = null;
        var g = F.Sum(xv.Grad!);
        xv.ClearGrad();
        g.Backward();
        Close.Assert(numerical.Sum(1), xv.Grad!.Data, 1e-8, 1e-9, "reverse-over-reverse row sums");
    }

    /// <summary>f(x) = Σ xᵢ⁴/4 + ½ Σ (xᵢ₊₁ − xᵢ)²: H = diag(3xᵢ²) + the 1-D Laplacian stencil (tridiagonal).</summary>
    private static Variable Chain(Variable x)
    {
        var d = x[1..] - x[..^1];
        return F.Sum(x.Pow(4)) / 4.0 + F.Sum(d * d) / 2.0;
    }

    private static double[] ChainHv(double[] x, double[] v)
    {
        int n = x.Length;
        var hv = new double[n];
        for (int i = 0; i < n; i++)
        {
            hv[i] = 3 * x[i] * x[i] * v[i];
            if (i > 0) hv[i] += v[i] - v[i - 1];
            if (i < n - 1) hv[i] += v[i] - v[i + 1];
        }
        return hv;
    }

    [Fact]
    public void Hvp_OnTenThousandParameters_NeverFormsTheHessian()
    {
        // H would be 10⁴ × 10⁴ = 10⁸ doubles (800 MB); an Hvp costs a few dozen vectors of 10⁴ (about 4 MB). The bound
        // below is 1/16 of H, so an implementation that formed H (or any n × n matrix) could not pass.
        const int n = 10_000;
        var x = DiffCases.R(5, n);
        var v = DiffCases.R(6, n);
        D.Hvp(Chain, DiffCases.R(7, 8), DiffCases.R(8, 8));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var hv = D.Hvp(Chain, x, v);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 50_000_000, $"Hvp allocated {allocated:N0} bytes");
        Close.Assert(Tensor.FromArray(ChainHv(x.ToDoubleArray(), v.ToDoubleArray())), hv, 1e-12, 1e-12, "Hvp vs the closed form");
    }
}
