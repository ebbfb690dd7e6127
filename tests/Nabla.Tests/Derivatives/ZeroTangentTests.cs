using Nabla.Autodiff;
using Nabla.Tensors;
using D = Nabla.Autodiff.Derivatives;

namespace Nabla.Tests.Derivatives;

/// <summary>
/// In forward mode an input without a tangent is a known zero: rules skip the terms linear in it, and an output whose
/// tangent is zero has none. The tangents are those of the full formulas.
/// </summary>
public class ZeroTangentTests
{
    /// <summary>Records what its forward-mode rule was handed for the tangent of its second input.</summary>
    private sealed class Probe : Function
    {
        public bool SawZero, WasReadOnly;
        public bool ReturnsSecondTangent;

        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0] + xs[1]];

        protected internal override Variable?[] Backward(Variable[] gys) => [gys[0], gys[0]];

        protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
        {
            (SawZero, WasReadOnly) = (IsZero(txs[1]), txs[1].IsReadOnly);
            Assert.True(Tensor.ArrayEqual(Tensor.ZerosLike(xs[1]), txs[1]));
            return [ReturnsSecondTangent ? txs[1] : txs[0] + txs[1]];
        }
    }

    [Fact]
    public void ARuleSeesAReadOnlyZeroForAnInputWithoutTangent()
    {
        var probe = new Probe();
        var x = new Variable(Tensor.Ones(DType.Float64, 2, 3)) { Tangent = Tensor.Ones(DType.Float64, 2, 3) };
        using (Config.NoGrad()) probe.Call(x, new Variable(Tensor.Ones(DType.Float64, 2, 3)));
        Assert.True(probe.SawZero);
        Assert.True(probe.WasReadOnly);
    }

    [Fact]
    public void AGivenTangentOfZerosIsNotAKnownZero()
    {
        var probe = new Probe();
        var x = new Variable(Tensor.Ones(DType.Float64, 3)) { Tangent = Tensor.Ones(DType.Float64, 3) };
        var y = new Variable(Tensor.Ones(DType.Float64, 3)) { Tangent = Tensor.Zeros(DType.Float64, 3) };
        using (Config.NoGrad()) probe.Call(x, y);
        Assert.False(probe.SawZero);
    }

    public static TheoryData<string> Cases => ["matmul x", "matmul w", "linear x", "linear w", "linear b", "mul x", "mul y"];

    /// <summary>Each op with one operand carrying the tangent: the tangent equals the full formula's, 0 + t = t.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void SkippedTermsLeaveTheTangentAsTheFullFormula(string name)
    {
        var gen = new Generator(9);
        var (x, w, b) = (Tensor.Randn(gen, DType.Float64, 5, 3), Tensor.Randn(gen, DType.Float64, 3, 2), Tensor.Randn(gen, DType.Float64, 2));
        var (tx, tw, tb) = (Tensor.Randn(gen, DType.Float64, 5, 3), Tensor.Randn(gen, DType.Float64, 3, 2), Tensor.Randn(gen, DType.Float64, 2));
        var y = Tensor.Randn(gen, DType.Float64, 1, 3);
        var ty = Tensor.Randn(gen, DType.Float64, 1, 3);
        var (f, v, expected) = name switch
        {
            "matmul x" => ((Func<Variable, Variable>)(u => F.MatMul(u, new Variable(w))), tx, Tensor.MatMul(tx, w)),
            "matmul w" => (u => F.MatMul(new Variable(x), u), tw, Tensor.MatMul(x, tw)),
            "linear x" => (u => F.Linear(u, new Variable(w), new Variable(b)), tx, Tensor.MatMul(tx, w)),
            "linear w" => (u => F.Linear(new Variable(x), u, new Variable(b)), tw, Tensor.MatMul(x, tw)),
            "linear b" => (u => F.Linear(new Variable(x), new Variable(w), u), tb, Tensor.Zeros(DType.Float64, 5, 2) + tb),
            "mul x" => (u => u * new Variable(y), tx, tx * y),
            "mul y" => (u => new Variable(x) * u, ty, x * ty),
            _ => throw new ArgumentException(name),
        };
        var at = name.EndsWith('x') ? x : name.EndsWith('w') ? w : name.EndsWith('b') ? b : y;
        var (_, tangent) = D.Jvp(f, at, v);
        Assert.Equal(expected.Shape, tangent.Shape);
        Assert.True(Tensor.ArrayEqual(expected, tangent), name);
    }

    [Fact]
    public void AKnownZeroReturnedAsATangentLeavesNone()
    {
        var probe = new Probe { ReturnsSecondTangent = true };
        var x = new Variable(Tensor.Ones(DType.Float64, 3)) { Tangent = Tensor.Ones(DType.Float64, 3) };
        using (Config.NoGrad())
        {
            var y = probe.Call(x, new Variable(Tensor.Ones(DType.Float64, 3)));
            Assert.Null(y.Tangent);
            // Downstream, no tangent is zero: the sum's is x's.
            var sum = x + y;
            Assert.True(Tensor.ArrayEqual(x.Tangent!, sum.Tangent!));
        }
        var (_, tangent) = D.Jvp(u => probe.Call(u, new Variable(Tensor.Ones(DType.Float64, 3))), Tensor.Ones(DType.Float64, 3), Tensor.Ones(DType.Float64, 3));
        Assert.True(Tensor.ArrayEqual(Tensor.Zeros(DType.Float64, 3), tangent));
        Assert.False(tangent.IsReadOnly);
    }
}
