using Nabla.Autodiff;
using Nabla.Tensors;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Derivatives;

/// <summary>Each operator refuses what it cannot differentiate, naming the operator and the offending shape or dtype.</summary>
public class BadInputTests
{
    private static readonly Tensor Vec3 = Tensor.FromArray(new[] { 1.0, 2, 3 });

    private static void Refused<T>(Action call, params string[] parts) where T : Exception
    {
        var ex = Assert.Throws<T>(call);
        foreach (var p in parts) Assert.Contains(p, ex.Message);
    }

    [Fact]
    public void NonScalarOutputs_ForGradHessianHvpLaplacian()
    {
        Refused<ArgumentException>(() => D.Grad(v => v * 2.0, Vec3), "Grad", "scalar", "(3,)");
        Refused<ArgumentException>(() => D.ValueAndGrad(v => v[0] * v[1], [Vec3, Vec3]), "Grad", "(3,)");
        Refused<ArgumentException>(() => D.Hessian(v => v * v, Vec3), "Hessian", "scalar", "(3,)");
        Refused<ArgumentException>(() => D.Hvp(v => v * v, Vec3, Vec3), "Hvp", "scalar");
        Refused<ArgumentException>(() => D.Laplacian(v => v * v, Vec3), "Laplacian", "scalar");
        Refused<ArgumentException>(() => D.Derivative(v => F.Sum(v), Vec3), "Derivative", "(3,)", "()");
    }

    [Fact]
    public void MismatchedTangentsAndCotangents()
    {
        Refused<ArgumentException>(() => D.Jvp(F.Sin, Vec3, Tensor.Zeros(DType.Float64, 2)), "Jvp", "(2,)", "(3,)");
        Refused<ArgumentException>(() => D.Jvp(v => v[0] + v[1], [Vec3, Vec3], [Vec3]), "Jvp", "1 tangents", "2 inputs");
        Refused<ArgumentException>(() => D.Vjp(F.Sin, Vec3, Tensor.Zeros(DType.Float64, 3, 1)), "Vjp", "(3,1)", "(3,)");
        Refused<ArgumentException>(() => D.Vjp(v => F.Sum(v), Vec3, Vec3), "Vjp", "cotangent", "()");
        Refused<ArgumentException>(() => D.Hvp(v => F.Sum(v * v), Vec3, Tensor.Zeros(DType.Float64, 4)), "Hvp", "(4,)", "(3,)");
        Refused<ArgumentException>(() => D.Jvp(F.Sin, Vec3, Tensor.FromArray(new[] { 1, 2, 3 })), "Jvp", "int32");
    }

    [Fact]
    public void CurlAndDivergence_NeedMatchingFields()
    {
        Refused<ArgumentException>(() => D.Curl(v => v, Tensor.FromArray(new[] { 1.0, 2 })), "Curl", "(2,)");
        Refused<ArgumentException>(() => D.Curl(v => v, Tensor.Zeros(DType.Float64, 3, 1)), "Curl", "(3,1)");
        Refused<ArgumentException>(() => D.Curl(v => v[..2], Vec3), "Curl", "3 components", "(2,)");
        Refused<ArgumentException>(() => D.Divergence(v => F.Sum(v), Vec3), "Divergence", "(3,)", "()");
    }

    [Fact]
    public void NonFloatInputs()
    {
        var ints = Tensor.FromArray(new long[] { 1, 2, 3 });
        Refused<ArgumentException>(() => D.Grad(v => F.Sum(v), ints), "Grad", "int64", "float");
        Refused<ArgumentException>(() => D.Jacobian(v => v, ints), "Jacobian", "int64");
        Refused<ArgumentException>(() => D.Jvp(v => v, ints, ints), "Jvp", "int64");
        Refused<ArgumentException>(() => D.Hessian(v => F.Sum(v), ints), "Hessian", "int64");
        Refused<ArgumentException>(() => D.Derivative(v => v, Tensor.Scalar(2L)), "Derivative", "int64");
        Refused<ArgumentException>(() => D.Curl(v => v, ints), "Curl", "int64");
        // Only the input differentiated must be float: labels may ride along.
        var scores = DiffCases.R(1, 2, 3);
        var labels = Tensor.FromArray(new long[] { 0, 2 });
        var g = D.Grad(v => F.SoftmaxCrossEntropy(v[0], v[1]), [scores, labels], wrt: 0);
        Assert.Equal(scores.Shape, g.Shape);
        Refused<ArgumentException>(() => D.Grad(v => F.SoftmaxCrossEntropy(v[0], v[1]), [scores, labels]), "input 1", "int64");
    }

    [Fact]
    public void BadArguments()
    {
        Refused<ArgumentOutOfRangeException>(() => D.Grad(v => F.Sum(v[0]), [Vec3], wrt: 1), "wrt = 1", "1 inputs");
        Refused<ArgumentOutOfRangeException>(() => D.Derivative(F.Sin, 1.0, -1), "order", "-1");
        Refused<ArgumentOutOfRangeException>(() => D.Jacobian(F.Sin, Vec3, (JacobianMode)9), "Jacobian", "mode");
        Assert.Throws<ArgumentNullException>(() => D.Grad(null!, Vec3));
        Assert.Throws<ArgumentNullException>(() => D.Grad(v => F.Sum(v), (Tensor)null!));
        Refused<InvalidOperationException>(() => D.Jvp(v => null!, Vec3, Vec3), "Jvp", "null");
    }

    [Fact]
    public void EdgeShapes_ScalarsAndEmptyInputs()
    {
        var scalar = Tensor.Scalar(0.5);
        Assert.Equal(Math.Cos(0.5), D.Grad(F.Sin, scalar).Item(), 15);
        Assert.Equal([], D.Jacobian(F.Sin, scalar).Shape);
        Assert.Equal([3, 0], D.Jacobian(v => F.Sum(v) + Vec3, Tensor.Zeros(DType.Float64, 0)).Shape);
        Assert.Equal([0, 3], D.Jacobian(v => v[..0], Vec3).Shape);
        Assert.Equal([0, 0], D.Hessian(v => F.Sum(v), Tensor.Zeros(DType.Float64, 0)).Shape);
        // A function that ignores its input has zero derivatives, not a missing gradient.
        Assert.Equal(new double[3], D.Grad(v => F.Sum(new Variable(Vec3)), Vec3).ToArray<double>());
        Assert.Equal(new double[9], D.Hessian(v => F.Sum(v), Vec3).ToArray<double>());
    }
}
