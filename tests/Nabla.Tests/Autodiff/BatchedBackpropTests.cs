using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tests.Derivatives;
using Xunit;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Autodiff;

/// <summary>
/// The batched backward walk: chunking by <see cref="D.MaxBatchElements"/>, functions with several outputs, and user
/// functions without a batch rule, which run their ordinary rule once per batch entry.
/// </summary>
[Collection("MaxBatchElements")]
public class BatchedBackpropTests
{
    private const double Exact = 1e-12;

    [Theory]
    [InlineData("matvec")]
    [InlineData("mlp")]
    [InlineData("softmax-last")]
    [InlineData("index-array")]
    [InlineData("concat")]
    public void ChunkedPassesGiveTheSameJacobian(string name)
    {
        var (_, f, x) = BatchCases.Find(name);
        var whole = D.Jacobian(f, x, JacobianMode.BatchedReverse);
        int saved = D.MaxBatchElements;
        try
        {
            // 1 is a row per pass; the others split the rows unevenly, with a short last chunk.
            foreach (int limit in new[] { 1, 50, 130 })
            {
                D.MaxBatchElements = limit;
                Close.Assert(whole, D.Jacobian(f, x, JacobianMode.BatchedReverse), Exact, Exact, $"{name} in chunks of {limit} elements");
            }
        }
        finally
        {
            D.MaxBatchElements = saved;
        }
    }

    [Fact]
    public void MaxBatchElementsMustBePositive()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => D.MaxBatchElements = 0);
        Assert.Contains("MaxBatchElements: must be at least 1, got 0", e.Message);
    }

    [Fact]
    public void AUserFunctionWithoutABatchRuleRunsEntryByEntry()
    {
        var x = DiffCases.R(1, 2, 3);
        Func<Variable, Variable> f = v => F.Sin(new Cube().Call(v)) * new Variable(DiffCases.R(2, 3));
        Close.Assert(D.Jacobian(f, x, JacobianMode.Reverse), D.Jacobian(f, x, JacobianMode.BatchedReverse), Exact, Exact, "Cube");
        Assert.False(new Cube().HasBatchRule);
    }

    [Fact]
    public void SeveralOutputsOneOfThemUnused()
    {
        var x = DiffCases.R(3, 4);
        Func<Variable, Variable> both = v =>
        {
            var parts = new SplitHalves().CallMany(v);
            return F.Concat([F.Exp(parts[1]), parts[0] * parts[1]], 0);
        };
        Func<Variable, Variable> second = v => F.Tanh(new SplitHalves().CallMany(v)[1]);
        foreach (var f in new[] { both, second })
            Close.Assert(D.Jacobian(f, x, JacobianMode.Reverse), D.Jacobian(f, x, JacobianMode.BatchedReverse), Exact, Exact, "SplitHalves");
    }

    /// <summary>x³ as a reader would write it, with no batch rule.</summary>
    private sealed class Cube : Function
    {
        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] * xs[0] * xs[0]];

        protected internal override Variable?[] Backward(Variable[] gys) => [gys[0] * Inputs[0] * Inputs[0] * 3.0];
    }

    /// <summary>A vector's two halves as two outputs.</summary>
    private sealed class SplitHalves : Function
    {
        protected internal override Tensor[] Forward(Tensor[] xs)
        {
            int h = xs[0].Shape[0] / 2;
            return [xs[0][..h].Copy(), xs[0][h..].Copy()];
        }

        protected internal override Variable?[] Backward(Variable[] gys) => [F.Concat(gys, 0)];
    }
}
