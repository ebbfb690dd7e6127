using Nabla.Autodiff;
using Nabla.Numerical;
using Nabla.Tensors;
using Xunit;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Derivatives;

/// <summary>
/// <see cref="JacobianMode.BatchedReverse"/>, one backward pass carrying all m unit cotangents, against m ordinary
/// backward passes (<see cref="JacobianMode.Reverse"/>, to rounding) and Richardson differences, for every op with a
/// batch rule and for some without one.
/// </summary>
public class BatchedJacobianTests
{
    private const double Exact = 1e-12;

    [Theory]
    [MemberData(nameof(BatchCases.Names), MemberType = typeof(BatchCases))]
    public void BatchedReverseAgreesWithReverseAndDifferences(string name)
    {
        var (_, f, x) = BatchCases.Find(name);
        var reverse = D.Jacobian(f, x, JacobianMode.Reverse);
        var batched = D.Jacobian(f, x, JacobianMode.BatchedReverse);
        Close.Assert(reverse, batched, Exact, Exact, $"{name}: batched vs row-by-row reverse");
        Close.Assert(NumericalDiff.Jacobian(f, x, FiniteDifference.Richardson), batched, 1e-9, 1e-10, $"{name}: batched vs Richardson");
    }

    [Fact]
    public void BatchedReverseAgreesInFloat32()
    {
        Variable C(int seed, params int[] shape) => new(DiffCases.R(seed, shape).AsType(DType.Float32));
        Func<Variable, Variable>[] fs =
        [
            v => F.Tanh(F.MatMul(C(1, 5, 7), v)),
            v => F.Softmax(F.Reshape(v, 1, 7) * C(2, 3, 1), 1),
            v => F.Linear(F.Sigmoid(F.Linear(F.Reshape(v, 1, 7), C(3, 7, 4), C(4, 4))), C(5, 4, 2)),
            v => F.LogSumExp(F.Stack([v, v * v], 0), 0) / C(6, 7).Pow(2.0),
        ];
        var x = DiffCases.R(7, 7).AsType(DType.Float32);
        foreach (var f in fs)
        {
            var reverse = D.Jacobian(f, x, JacobianMode.Reverse);
            var batched = D.Jacobian(f, x, JacobianMode.BatchedReverse);
            Assert.Equal(DType.Float32, batched.DType);
            Close.Assert(reverse, batched, 1e-5, 1e-6, "float32 batched vs reverse");
        }
    }

    [Fact]
    public void BatchRulesAreDeclaredWhereWritten()
    {
        var x = new Variable(DiffCases.R(1, 3, 2));
        Assert.True(F.Tanh(x).Creator!.HasBatchRule);
        Assert.True(F.MatMul(x, x.T).Creator!.HasBatchRule);
        Assert.True(x[1.., 0].Creator!.HasBatchRule);
        Assert.False(x[new[] { 1, 0 }].Creator!.HasBatchRule);
        Assert.False(F.Max(x, 1).Creator!.HasBatchRule);
    }

    [Fact]
    public void AScalarFunctionGivesItsGradient()
    {
        var x = DiffCases.R(2, 4, 3);
        Func<Variable, Variable> f = v => F.Sum(F.Tanh(v) * v);
        var jacobian = D.Jacobian(f, x, JacobianMode.BatchedReverse);
        Assert.Equal(new[] { 4, 3 }, jacobian.Shape);
        Close.Assert(D.Grad(f, x), jacobian, Exact, Exact, "m = 1");
    }

    [Fact]
    public void IdentityConstantAndEmptyFunctions()
    {
        var x = DiffCases.R(3, 2, 3);
        Close.Assert(Tensor.Eye(6, dtype: DType.Float64).Reshape(2, 3, 2, 3), D.Jacobian(v => v, x, JacobianMode.BatchedReverse), 0, 0, "identity");
        var constant = D.Jacobian(_ => new Variable(DiffCases.R(4, 5)), x, JacobianMode.BatchedReverse);
        Close.Assert(Tensor.Zeros(DType.Float64, 5, 2, 3), constant, 0, 0, "f does not depend on x");
        var empty = D.Jacobian(v => F.Sum(v, 0), Tensor.Zeros(DType.Float64, 0, 3), JacobianMode.BatchedReverse);
        Assert.Equal(new[] { 3, 0, 3 }, empty.Shape);
    }

    [Fact]
    public void InputsThatNeedNoGradientAreSkippedAndUntouched()
    {
        var frozen = new Variable(DiffCases.R(5, 4, 3)) { RequiresGrad = false };
        var weight = new Variable(DiffCases.R(6, 3, 2));
        var labels = Tensor.FromArray(new long[] { 1, 0, 1, 1 });
        Func<Variable, Variable> f = v => F.SoftmaxCrossEntropy(F.Linear(frozen * v, weight), labels) * F.Sum(v);
        var x = DiffCases.R(7, 4, 3);
        var reverse = D.Jacobian(f, x, JacobianMode.Reverse);
        weight.Grad = new Variable(Tensor.Ones(DType.Float64, 3, 2));
        frozen.ClearGrad();
        Close.Assert(reverse, D.Jacobian(f, x, JacobianMode.BatchedReverse), Exact, Exact, "with constants and labels");
        // The batched pass keeps its gradients to itself: a variable's own gradient is left as it was.
        Close.Assert(Tensor.Ones(DType.Float64, 3, 2), weight.Grad!.Data, 0, 0, "weight.Grad");
        Assert.Null(frozen.Grad);
    }

    [Fact]
    public void AutoTakesForwardForFewInputsAndBatchedReverseOtherwise()
    {
        Func<Variable, Variable> wide = v => F.Tanh(F.MatMul(new Variable(DiffCases.R(8, 6, 2)), v));
        var few = DiffCases.R(9, 2);
        Close.Assert(D.Jacobian(wide, few, JacobianMode.Forward), D.Jacobian(wide, few), 0, 0, "n < m: forward");
        Func<Variable, Variable> narrow = v => F.Tanh(F.MatMul(new Variable(DiffCases.R(10, 2, 6)), v));
        var many = DiffCases.R(11, 6);
        Close.Assert(D.Jacobian(narrow, many, JacobianMode.BatchedReverse), D.Jacobian(narrow, many), 0, 0, "n > m: batched reverse");
    }

    [Fact]
    public void AWrongBatchRuleIsNamed()
    {
        var x = DiffCases.R(12, 3);
        var e = Assert.Throws<InvalidOperationException>(() => D.Jacobian(v => new DropsTheBatchAxis().Call(v), x, JacobianMode.BatchedReverse));
        Assert.Contains("DropsTheBatchAxis: batched gradient of shape (3,) for input 0 of shape (3,) and a batch of 3", e.Message);
    }

    /// <summary>A user's function whose batch rule forgets the batch axis.</summary>
    private sealed class DropsTheBatchAxis : Function
    {
        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] * 2.0];

        protected internal override Variable?[] Backward(Variable[] gys) => [gys[0] * 2.0];

        protected internal override bool HasBatchRule => true;

        protected internal override Variable?[] BackwardBatched(Variable[] gys) => [new Variable(Tensor.Ones(DType.Float64, 3))];
    }
}
