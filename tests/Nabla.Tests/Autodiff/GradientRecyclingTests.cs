using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Autodiff;

/// <summary>
/// A backward pass that drops intermediate gradients reuses their storage (in-place sums, arrays back to the
/// pool). The gradients must be exactly those of a pass that keeps everything (retainGrad), which recycles
/// nothing: checked on random graphs of large tensors where variables are used many times, across repeated
/// passes (so pooled arrays come back), after higher-order passes, and with a user function that keeps what it is given.
/// </summary>
[Collection("SimdLevel")]
public class GradientRecyclingTests
{
    private const int Side = 150; // 22,500 floats: large enough for the pool

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void RandomGraphs_RecycledGradientsEqualRetainedOnes(int seed)
    {
        for (int repeat = 0; repeat < 3; repeat++)
        {
            var (leaves1, loss1) = Build(seed);
            loss1.Backward(retainGrad: true);
            var (leaves2, loss2) = Build(seed);
            loss2.Backward();
            for (int i = 0; i < leaves1.Length; i++)
            {
                Assert.NotNull(leaves2[i].Grad);
                Assert.True(Tensor.ArrayEqual(leaves1[i].Grad!.Data, leaves2[i].Grad!.Data), $"seed {seed}, repeat {repeat}: leaf {i} differs");
            }
        }
    }

    /// <summary>A random expression over three leaves, each used several times, ending in a sum.</summary>
    private static (Variable[] Leaves, Variable Loss) Build(int seed)
    {
        var gen = new Generator(seed);
        var leaves = Enumerable.Range(0, 3).Select(_ => new Variable(Tensor.Randn(gen, Side, Side) * 0.5)).ToArray();
        var pool = new List<Variable>(leaves);
        for (int step = 0; step < 14; step++)
        {
            var a = pool[(int)gen.NextInt64(0, pool.Count)];
            var b = pool[(int)gen.NextInt64(0, pool.Count)];
            Variable v = gen.NextInt64(0, 12) switch
            {
                0 => a + b,
                1 => a - b,
                2 => a * b,
                3 => -a,
                4 => F.Tanh(a),
                5 => F.ReLU(a) + b,
                6 => F.Sigmoid(a) * b,
                7 => F.Exp(a * 0.1),
                8 => F.Transpose(a) + b,
                9 => F.Reshape(F.Reshape(a, Side * Side), Side, Side) * 2.0,
                10 => F.MatMul(a, b) * 0.01,
                _ => F.BroadcastTo(F.Sum(a, 0, keepDims: true), [Side, Side]) * 0.01 + a,
            };
            pool.Add(v);
        }
        var total = pool[^1];
        for (int k = pool.Count - 2; k >= pool.Count - 5; k--) total = total + pool[k];
        return (leaves, F.Sum(total * total));
    }

    [Fact]
    public void RepeatedTrainingSteps_MatchRetainedGradients()
    {
        var gen = new Generator(7);
        var x = Tensor.Randn(gen, 64, 300);
        var w1 = Tensor.Randn(gen, 300, 200) * 0.05;
        var w2 = Tensor.Randn(gen, 200, 10) * 0.05;
        var labels = Tensor.RandInt(gen, 0, 10, [64]);
        Tensor[] Grads(bool retain)
        {
            var (p1, p2) = (new Parameter(w1), new Parameter(w2));
            var h = F.ReLU(F.MatMul(new Variable(x), p1));
            var loss = F.SoftmaxCrossEntropy(F.MatMul(F.Tanh(h) + h, p2), labels);
            loss.Backward(retainGrad: retain);
            return [p1.Grad!.Data, p2.Grad!.Data];
        }
        for (int step = 0; step < 4; step++)
        {
            var expected = Grads(true);
            var got = Grads(false);
            Assert.True(Tensor.ArrayEqual(expected[0], got[0]));
            Assert.True(Tensor.ArrayEqual(expected[1], got[1]));
        }
    }

    [Fact]
    public void SecondDerivativeOfLargeElementwiseFunctions_MatchesTheRetainedPass()
    {
        var data = Tensor.Randn(new Generator(8), DType.Float64, 20_000) * 0.5;
        Variable F2(Variable v) => F.Tanh(v) * v + F.Exp(-v) * v * v + v;
        Tensor Second(bool retain)
        {
            var x = new Variable(data);
            F.Sum(F2(x)).Backward(createGraph: true);
            var g = x.Grad!;
            x.ClearGrad();
            F.Sum(g).Backward(retainGrad: retain);
            return x.Grad!.Data;
        }
        for (int i = 0; i < 3; i++) Assert.True(Tensor.ArrayEqual(Second(true), Second(false)));
    }

    [Fact]
    public void UserFunctionsThatKeepTheirGradients_SeeThemUnchanged()
    {
        for (int i = 0; i < 3; i++)
        {
            var keeper = new Keeper();
            var x = new Variable(Tensor.Randn(new Generator(9), Side, Side));
            var y = keeper.Call(F.Tanh(x) * 3.0);
            F.Sum(y * y + F.Exp(y * 0.1)).Backward();
            var kept = keeper.Kept!.Data.Copy();
            // More passes reuse whatever storage was given back; what the keeper holds must not change.
            var z = new Variable(Tensor.Randn(new Generator(10), Side, Side));
            F.Sum(F.Tanh(z) * z + z * z).Backward();
            Assert.True(Tensor.ArrayEqual(kept, keeper.Kept!.Data));
        }
    }

    [Fact]
    public async Task ConcurrentTrainingOnTwoThreads_MatchesSequentialRuns()
    {
        // Two models trained at once share the storage pool; any array handed to both would change a result.
        Tensor[] Train(int seed)
        {
            var gen = new Generator(seed);
            // 128 rows: inputs and activations are large enough (over 85,000 bytes) to go through the pool.
            var x = Tensor.Randn(gen, 128, 200);
            var labels = Tensor.RandInt(gen, 0, 10, [128]);
            var model = new Nabla.NN.MLP([300, 10], F.Tanh, gen: new Generator(seed + 10));
            var optimizer = new Nabla.NN.Optimizers.Adam(0.01).Setup(model);
            for (int step = 0; step < 15; step++)
            {
                var loss = F.SoftmaxCrossEntropy(model.Forward(x), labels);
                model.ClearGrads();
                loss.Backward();
                optimizer.Update();
            }
            return [.. model.Parameters().Select(p => p.Data.Copy())];
        }
        var expected = new[] { Train(1), Train(2) };
        for (int round = 0; round < 3; round++)
        {
            var results = await Task.WhenAll(Task.Run(() => Train(1)), Task.Run(() => Train(2)));
            for (int t = 0; t < 2; t++)
                for (int i = 0; i < expected[t].Length; i++)
                    Assert.True(Tensor.ArrayEqual(expected[t][i], results[t][i]), $"round {round}, model {t}, parameter {i} differs");
        }
    }

    /// <summary>The identity, keeping the gradient it is given (as a user's logging function might).</summary>
    private sealed class Keeper : Function
    {
        public Variable? Kept { get; private set; }

        protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Copy()];

        protected internal override Variable?[] Backward(Variable[] gys)
        {
            Kept = gys[0];
            return [gys[0] * 1.0];
        }

        protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys) => [txs[0]];
    }
}
