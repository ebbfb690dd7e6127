using Nabla.Autodiff;
using Nabla.Numerical;
using Nabla.Tensors;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Derivatives;

/// <summary>
/// Forward mode, reverse mode and Richardson finite differences must give the same derivatives, in float64, on
/// every function in <see cref="DiffCases"/>: gradients, JVPs, VJPs, Jacobians, Hessians and Hessian-vector products.
/// Forward and reverse are exact up to rounding, so they are held to 1e-12; Richardson differences to 1e-9 (absolute: 1e-10 of the
/// largest entry) for first derivatives and 1e-7 (relative to the largest entry) for Hessians.
/// </summary>
public class AgreementTests
{
    private const double Exact = 1e-12;

    [Theory]
    [MemberData(nameof(DiffCases.ScalarNames), MemberType = typeof(DiffCases))]
    public void Gradients_ForwardReverseAndNumericalAgree(string name)
    {
        var c = DiffCases.Find(name);
        var (value, grads) = D.ValueAndGrad(c.F, c.Inputs);
        using (Config.NoGrad())
            Close.Assert(c.F(c.Inputs.Select(t => new Variable(t)).ToArray()).Data, value, 0, 0, $"{name}: value");
        for (int i = 0; i < c.Inputs.Length; i++)
        {
            var x = c.Inputs[i];
            var f = c.Of(i);
            Close.Assert(grads[i], D.Grad(c.F, c.Inputs, wrt: i), 0, 0, $"{name}: Grad wrt {i}");
            Close.Assert(grads[i], D.Jacobian(f, x, JacobianMode.Forward).Reshape(x.Shape), Exact, Exact, $"{name}: forward Jacobian of input {i}");
            Close.Assert(grads[i], D.Jacobian(f, x, JacobianMode.Reverse).Reshape(x.Shape), Exact, Exact, $"{name}: reverse Jacobian of input {i}");
            Close.Assert(grads[i], D.Jacobian(f, x, JacobianMode.BatchedReverse).Reshape(x.Shape), Exact, Exact, $"{name}: batched reverse Jacobian of input {i}");
            var numerical = NumericalDiff.Gradient(f, x, FiniteDifference.Richardson);
            // A difference quotient's rounding error scales with f and the whole gradient, not with the element: on
            // AVX2 hardware rosenbrock-100's smallest entries missed a per-element bound by 9e-10.
            double scale = Math.Max(1, grads[i].ToDoubleArray().Max(Math.Abs));
            Close.Assert(numerical, grads[i], 1e-9, 1e-10 * scale, $"{name}: reverse vs Richardson differences, input {i}");
            var v = DiffCases.R(77 + i, x.Shape);
            Close.Assert(Close.Dot(grads[i], v), D.Jvp(f, x, v).Tangent.Item(), Exact, Exact, $"{name}: Jvp wrt {i}");
            Close.Assert(grads[i] * 1.5, D.Vjp(f, x, Tensor.Scalar(1.5)).Cotangent, Exact, Exact, $"{name}: Vjp wrt {i}");
        }
    }

    [Theory]
    [MemberData(nameof(DiffCases.VectorNames), MemberType = typeof(DiffCases))]
    public void Jacobians_ForwardReverseAndNumericalAgree(string name)
    {
        var c = DiffCases.Find(name);
        for (int i = 0; i < c.Inputs.Length; i++)
        {
            var x = c.Inputs[i];
            var f = c.Of(i);
            var forward = D.Jacobian(f, x, JacobianMode.Forward);
            var reverse = D.Jacobian(f, x, JacobianMode.Reverse);
            Close.Assert(reverse, forward, Exact, Exact, $"{name}: forward vs reverse Jacobian, input {i}");
            var batched = D.Jacobian(f, x, JacobianMode.BatchedReverse);
            Close.Assert(reverse, batched, Exact, Exact, $"{name}: batched vs row-by-row reverse Jacobian, input {i}");
            // Auto is forward mode when x has fewer elements than f(x), batched reverse otherwise.
            Close.Assert(x.Size < reverse.Size / x.Size ? forward : batched, D.Jacobian(f, x), 0, 0, $"{name}: Auto Jacobian, input {i}");
            Close.Assert(NumericalDiff.Jacobian(f, x, FiniteDifference.Richardson), reverse, 1e-9, 1e-10, $"{name}: Jacobian vs Richardson, input {i}");
            var (value, tangent) = D.Jvp(f, x, DiffCases.R(60, x.Shape));
            Close.Assert(Close.Apply(forward, DiffCases.R(60, x.Shape), value.Shape), tangent, Exact, Exact, $"{name}: Jvp vs J·v");
            var u = DiffCases.R(61, value.Shape);
            Close.Assert(Close.ApplyLeft(u, reverse, x.Shape), D.Vjp(f, x, u).Cotangent, Exact, Exact, $"{name}: Vjp vs uᵀJ");
        }
        var (_, tangentAll) = D.Jvp(c.F, c.Inputs, c.Inputs.Select((t, k) => DiffCases.R(62 + k, t.Shape)).ToArray());
        var sum = c.Inputs.Select((t, k) => D.Jvp(c.Of(k), t, DiffCases.R(62 + k, t.Shape)).Tangent).Aggregate((a, b) => a + b);
        Close.Assert(sum, tangentAll, Exact, Exact, $"{name}: Jvp of all inputs is the sum of the partial ones");
    }

    [Theory]
    [MemberData(nameof(DiffCases.ScalarNames), MemberType = typeof(DiffCases))]
    public void Hessians_MatchNumericalAreSymmetricAndGiveHvp(string name)
    {
        var c = DiffCases.Find(name);
        var x = c.Inputs[0];
        var f = c.Of(0);
        var h = D.Hessian(f, x);
        Assert.Equal([.. x.Shape, .. x.Shape], h.Shape);
        var numerical = NumericalDiff.Hessian(f, x, FiniteDifference.Richardson);
        double scale = Math.Max(1, numerical.Abs().Max().Item());
        Close.Assert(numerical, h, 1e-7, 1e-9 * scale, $"{name}: Hessian vs Richardson second differences");
        var square = h.Reshape(x.Size, x.Size);
        Close.Assert(square.T, square, Exact, Exact * scale, $"{name}: Hessian symmetric");
        var v = DiffCases.R(70, x.Shape);
        Close.Assert(Close.Apply(h, v, x.Shape), D.Hvp(f, x, v), Exact, Exact * scale, $"{name}: Hvp vs H·v");
    }

    [Fact]
    public void QuadraticForm_HessianIsExactlyASymmetrised()
    {
        var a = DiffCases.R(12, 5, 5);
        var h = D.Hessian(DiffCases.Find("quadratic-form").Of(0), DiffCases.R(13, 5));
        Close.Assert(a + a.T, h, Exact, Exact, "Hessian of xᵀAx");
    }

    [Fact]
    public void SeveralInputs_VjpGivesEachCotangent()
    {
        var c = DiffCases.Find("matmul-product");
        var u = DiffCases.R(80, 3, 2);
        var (value, cotangents) = D.Vjp(c.F, c.Inputs, u);
        Close.Assert(Tensor.MatMul(c.Inputs[0], c.Inputs[1]), value, Exact, Exact, "value");
        Close.Assert(Tensor.MatMul(u, c.Inputs[1].T), cotangents[0], Exact, Exact, "u Bᵀ");
        Close.Assert(Tensor.MatMul(c.Inputs[0].T, u), cotangents[1], Exact, Exact, "Aᵀ u");
    }
}
