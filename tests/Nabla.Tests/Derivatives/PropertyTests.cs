using FsCheck.Xunit;
using Nabla.Autodiff;
using Nabla.Tensors;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Derivatives;

/// <summary>
/// FsCheck properties at random points: FsCheck supplies a seed, from which each property draws its sizes and
/// values with a <see cref="Generator"/>, so a failure prints a seed that reproduces it. The Rosenbrock function and
/// polynomials have closed-form derivatives to compare with.
/// </summary>
public class PropertyTests
{
    private static int Next(Generator rng, int low, int highInclusive) => (int)rng.NextInt64(low, highInclusive + 1);

    /// <summary>The Rosenbrock gradient by hand: ∂/∂xᵢ = −400xᵢ(xᵢ₊₁ − xᵢ²) − 2(1 − xᵢ) + 200(xᵢ − xᵢ₋₁²).</summary>
    private static double[] RosenbrockGradient(double[] x)
    {
        int n = x.Length;
        var g = new double[n];
        for (int i = 0; i < n; i++)
        {
            if (i < n - 1) g[i] += -400 * x[i] * (x[i + 1] - x[i] * x[i]) - 2 * (1 - x[i]);
            if (i > 0) g[i] += 200 * (x[i] - x[i - 1] * x[i - 1]);
        }
        return g;
    }

    /// <summary>The Rosenbrock Hessian by hand: tridiagonal.</summary>
    private static double[,] RosenbrockHessian(double[] x)
    {
        int n = x.Length;
        var h = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            if (i < n - 1)
            {
                h[i, i] += 1200 * x[i] * x[i] - 400 * x[i + 1] + 2;
                h[i, i + 1] = h[i + 1, i] = -400 * x[i];
            }
            if (i > 0) h[i, i] += 200;
        }
        return h;
    }

    [Property(MaxTest = 100)]
    public void Rosenbrock_ForwardEqualsReverseEqualsClosedForm(int seed)
    {
        var rng = new Generator(seed);
        int n = Next(rng, 2, 12);
        var x = Tensor.Randn(rng, DType.Float64, n) * 1.5;
        var reverse = D.Grad(DiffCases.Rosenbrock, x);
        var forward = D.Jacobian(DiffCases.Rosenbrock, x, JacobianMode.Forward);
        double scale = Math.Max(1, reverse.Abs().Max().Item());
        Close.Assert(reverse, forward, 1e-13, 1e-13 * scale, $"seed {seed}: forward vs reverse");
        Close.Assert(Tensor.FromArray(RosenbrockGradient(x.ToDoubleArray())), reverse, 1e-13, 1e-13 * scale, $"seed {seed}: vs closed form");
    }

    [Property(MaxTest = 100)]
    public void Rosenbrock_HvpEqualsHessianTimesV(int seed)
    {
        var rng = new Generator(seed);
        int n = Next(rng, 2, 12);
        var x = Tensor.Randn(rng, DType.Float64, n) * 1.5;
        var v = Tensor.Randn(rng, DType.Float64, n);
        var exact = Tensor.FromArray(RosenbrockHessian(x.ToDoubleArray()));
        var h = D.Hessian(DiffCases.Rosenbrock, x);
        double scale = Math.Max(1, exact.Abs().Max().Item());
        Close.Assert(exact, h, 1e-13, 1e-13 * scale, $"seed {seed}: Hessian vs closed form");
        Close.Assert(Close.Apply(exact, v, [n]), D.Hvp(DiffCases.Rosenbrock, x, v), 1e-12, 1e-12 * scale * n, $"seed {seed}: Hvp vs H·v");
    }

    [Property(MaxTest = 100)]
    public void Polynomial_NthDerivativeMatchesClosedForm(int seed)
    {
        var rng = new Generator(seed);
        var c = Enumerable.Range(0, Next(rng, 1, 7)).Select(_ => Math.Round(rng.NextNormal() * 3, 2)).ToArray();
        double x = rng.NextNormal();
        int order = Next(rng, 0, c.Length + 1);
        Variable P(Variable v)
        {
            var p = v * 0.0 + c[^1];
            for (int k = c.Length - 2; k >= 0; k--) p = p * v + c[k];
            return p;
        }
        // dⁿ/dxⁿ Σ cₖxᵏ = Σₖ₌ₙ cₖ k!/(k−n)! xᵏ⁻ⁿ
        double exact = 0;
        for (int k = order; k < c.Length; k++)
        {
            double falling = 1;
            for (int j = 0; j < order; j++) falling *= k - j;
            exact += c[k] * falling * Math.Pow(x, k - order);
        }
        double got = D.Derivative(P, x, order);
        Assert.True(Math.Abs(got - exact) <= 1e-10 * (1 + Math.Abs(exact)), $"seed {seed}: order {order} of [{string.Join(", ", c)}] at {x}: {got} vs {exact}");
    }

    [Property(MaxTest = 100)]
    public void JvpAndVjp_AreAdjoint(int seed)
    {
        // ⟨u, J·v⟩ = ⟨uᵀJ, v⟩ for a random layer tanh(W x + b): forward and reverse mode see the same linear map.
        var rng = new Generator(seed);
        int n = Next(rng, 1, 6), m = Next(rng, 1, 6);
        var w = Tensor.Randn(rng, DType.Float64, m, n);
        var b = Tensor.Randn(rng, DType.Float64, m);
        Variable Layer(Variable x) => F.Tanh(F.MatMul(new Variable(w), x) + b);
        var x = Tensor.Randn(rng, DType.Float64, n);
        var v = Tensor.Randn(rng, DType.Float64, n);
        var u = Tensor.Randn(rng, DType.Float64, m);
        var jv = D.Jvp(Layer, x, v).Tangent;
        var uj = D.Vjp(Layer, x, u).Cotangent;
        Close.Assert(Close.Dot(u, jv), Close.Dot(uj, v), 1e-12, 1e-12, $"seed {seed}: ⟨u, Jv⟩ vs ⟨uᵀJ, v⟩");
    }

    [Property(MaxTest = 100)]
    public void Jvp_IsLinearInTheTangent(int seed)
    {
        var rng = new Generator(seed);
        var x = Tensor.Randn(rng, DType.Float64, 2, 3);
        var v = Tensor.Randn(rng, DType.Float64, 2, 3);
        var w = Tensor.Randn(rng, DType.Float64, 2, 3);
        double a = rng.NextNormal(), b = rng.NextNormal();
        Variable G(Variable y) => F.Softmax(F.Sin(y) * y);
        var combined = D.Jvp(G, x, v * a + w * b).Tangent;
        var separate = D.Jvp(G, x, v).Tangent * a + D.Jvp(G, x, w).Tangent * b;
        Close.Assert(separate, combined, 1e-12, 1e-13, $"seed {seed}: J(av + bw) vs aJv + bJw");
    }
}
