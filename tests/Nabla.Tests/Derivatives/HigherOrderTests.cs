using Nabla.Autodiff;
using Nabla.Tensors;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Derivatives;

/// <summary>Derivatives of order n against closed forms, and the vector-calculus operators on known fields.</summary>
public class HigherOrderTests
{
    private const double Tol = 1e-12;

    [Fact]
    public void Tanh_FirstFourDerivatives()
    {
        foreach (double x in new[] { -1.3, 0.0, 0.4, 2.0 })
        {
            double t = Math.Tanh(x), s = 1 - t * t;
            double[] exact = [t, s, -2 * t * s, -2 * s * (1 - 3 * t * t), 8 * t * s * (2 - 3 * t * t)];
            for (int n = 0; n < exact.Length; n++)
                Close.Assert(exact[n], D.Derivative(F.Tanh, x, n), Tol, Tol, $"tanh order {n} at {x}");
        }
    }

    [Fact]
    public void Sin_DerivativesCycleWithPeriodFour()
    {
        const double x = 0.7;
        for (int n = 0; n <= 8; n++)
            Close.Assert(Math.Sin(x + n * Math.PI / 2), D.Derivative(F.Sin, x, n), Tol, Tol, $"sin order {n}");
    }

    [Fact]
    public void Power_DerivativesFallToZero()
    {
        const double x = 1.3;
        double[] exact = [Math.Pow(x, 5), 5 * Math.Pow(x, 4), 20 * Math.Pow(x, 3), 60 * x * x, 120 * x, 120, 0, 0];
        for (int n = 0; n < exact.Length; n++)
            Close.Assert(exact[n], D.Derivative(v => v.Pow(5), x, n), Tol, Tol, $"x^5 order {n}");
        Close.Assert(0, D.Derivative(v => v * v * v * v * v, x, 6), 0, 0, "x·x·x·x·x order 6");
    }

    [Fact]
    public void Exp_IsItsOwnDerivative_AndAConstantHasNone()
    {
        for (int n = 0; n <= 5; n++)
            Close.Assert(Math.Exp(0.5), D.Derivative(F.Exp, 0.5, n), Tol, Tol, $"exp order {n}");
        Assert.Equal(0.0, D.Derivative(v => v * 0.0 + 3.0, 2.0, 1));
        Assert.Equal(1.0, D.Derivative(v => v, 2.0, 1));
        Assert.Equal(0.0, D.Derivative(v => v, 2.0, 2));
    }

    [Fact]
    public void Derivative_OfAnElementwiseFunctionOnAGrid()
    {
        var grid = Tensor.Linspace(-3, 3, 25, dtype: DType.Float64);
        var second = D.Derivative(F.Tanh, grid, 2);
        var t = grid.Tanh();
        Close.Assert(t * (t * t - 1.0) * 2.0, second, Tol, Tol, "tanh'' on a grid");
        Assert.Equal(grid.Shape, second.Shape);
    }

    [Fact]
    public void Derivative_KeepsFloat32()
    {
        var d = D.Derivative(F.Sin, Tensor.Scalar(0.3, DType.Float32), 2);
        Assert.Equal(DType.Float32, d.DType);
        Assert.Equal(-Math.Sin(0.3), d.Item(), 6);
    }

    [Fact]
    public void Laplacian_OfSquaredNormIsSix_AndOfHarmonicFunctionsZero()
    {
        var p = Tensor.FromArray(new[] { 0.3, -1.2, 2.5 });
        Close.Assert(6, D.Laplacian(v => F.Sum(v * v), p), Tol, Tol, "Δ(x² + y² + z²)");
        Close.Assert(0, D.Laplacian(v => v[0] * v[0] - v[1] * v[1] + F.Exp(v[0]) * F.Cos(v[1]) + v[2], p), 0, 1e-12, "Δ(x² − y² + eˣ cos y + z)");
        Close.Assert(0, D.Laplacian(v => 1.0 / F.Sqrt(F.Sum(v * v)), p), 0, 1e-12, "Δ(1/r)");
        // Not harmonic: Δ(x²y) = 2y.
        Close.Assert(2 * -1.2, D.Laplacian(v => v[0] * v[0] * v[1], p), Tol, Tol, "Δ(x²y)");
    }

    [Fact]
    public void Divergence_OfKnownFields()
    {
        var p = Tensor.FromArray(new[] { 0.5, -0.25, 2.0 });
        Close.Assert(3, D.Divergence(v => v * 1.0, p), Tol, Tol, "∇·(x, y, z)");
        Close.Assert(0.5 - 0.25 + 2.0, D.Divergence(v => v * F.Stack([v[1], v[2], v[0]]), p), Tol, Tol, "∇·(xy, yz, zx)");
        Close.Assert(0, D.Divergence(v => F.Stack([-v[1], v[0], v[2] * 0.0]), p), 0, 0, "∇·(−y, x, 0)");
        var m = Tensor.FromArray(new[,] { { 1.0, 2 }, { 3, 4 } });
        Close.Assert(1 + 4, D.Divergence(v => F.MatMul(new Variable(m), v), Tensor.FromArray(new[] { 0.1, 0.2 })), Tol, Tol, "∇·(Mx) = tr M");
    }

    [Fact]
    public void Curl_OfKnownFields()
    {
        var p = Tensor.FromArray(new[] { 0.5, -0.25, 2.0 });
        Close.Assert(Tensor.FromArray(new[] { 0.0, 0, 2 }), D.Curl(v => F.Stack([-v[1], v[0], v[2] * 0.0]), p), Tol, Tol, "∇×(−y, x, 0)");
        // The gradient of φ = xyz + sin(x)eᶻ has no curl.
        Variable GradPhi(Variable v)
        {
            var (x, y, z) = (v[0], v[1], v[2]);
            return F.Stack([y * z + F.Cos(x) * F.Exp(z), x * z, x * y + F.Sin(x) * F.Exp(z)]);
        }
        Close.Assert(Tensor.Zeros(DType.Float64, 3), D.Curl(GradPhi, p), 0, 1e-13, "∇×∇φ");
        // ∇×(y², z², x²) = (−2z, −2x, −2y).
        Close.Assert(Tensor.FromArray(new[] { -4.0, -1.0, 0.5 }), D.Curl(v => F.Stack([v[1] * v[1], v[2] * v[2], v[0] * v[0]]), p), Tol, Tol, "∇×(y², z², x²)");
    }
}
