using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;

namespace Nabla.Tests.NN;

public class LayerTests
{
    private sealed class Block : Layer
    {
        public Linear conv1 { get; } = new(3, 3, dtype: DType.Float64);
        private readonly Linear conv2 = new(3, 3, noBias: true, dtype: DType.Float64);

        public override Variable Forward(Variable x) => conv2.Forward(F.Tanh(conv1.Forward(x)));
    }

    private sealed class Net : Model
    {
        private readonly Linear l1 = new(3, 2, dtype: DType.Float64);
        public List<Block> blocks { get; } = [new Block(), new Block()];
        public Parameter scale { get; } = new(Tensor.Ones(DType.Float64, 3));

        public override Variable Forward(Variable x)
        {
            x = l1.Forward(x);
            foreach (var b in blocks) x = b.Forward(x);
            return x * scale;
        }
    }

    [Fact]
    public void ParametersAreFoundAndNamedHierarchically()
    {
        var names = new Net().NamedParameters().Select(p => p.Name).ToArray();
        // A layer's own parameters come first, then its children's, as PyTorch's named_parameters.
        Assert.Equal(["scale", "l1.W", "l1.b", "blocks.0.conv1.W", "blocks.0.conv1.b", "blocks.0.conv2.W",
            "blocks.1.conv1.W", "blocks.1.conv1.b", "blocks.1.conv2.W"], names);
    }

    [Fact]
    public void SequentialAndMlpNameTheirChildrenByPosition()
    {
        var seq = new Sequential(new Linear(4, 2), Activation.ReLU(), new Linear(1, 4));
        Assert.Equal(["0.W", "0.b", "2.W", "2.b"], seq.NamedParameters().Select(p => p.Name));
        var mlp = new MLP([5, 3]);
        Assert.Equal(["l0.W", "l0.b", "l1.W", "l1.b"], mlp.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void ASharedLayerIsCountedOnce()
    {
        var shared = new Linear(2, 2);
        var seq = new Sequential(shared, shared);
        Assert.Equal(2, seq.Parameters().Count());
    }

    [Fact]
    public void LinearInfersItsInputSizeOnTheFirstCall()
    {
        var layer = new Linear(4);
        Assert.Equal(0, layer.W.Size);
        var y = layer.Forward(Tensor.Ones(2, 7));
        Assert.Equal([2, 4], y.Shape);
        Assert.Equal([7, 4], layer.W.Shape);
        Assert.Equal(7, layer.InSize);
        Assert.Equal(DType.Float32, y.DType);
    }

    [Fact]
    public void WeightsDependOnlyOnTheSeed()
    {
        Init.Seed(5);
        var a = new MLP([8, 2]);
        a.Forward(Tensor.Ones(1, 3));
        Init.Seed(5);
        var b = new MLP([8, 2]);
        b.Forward(Tensor.Ones(1, 3));
        Assert.True(a.Parameters().Zip(b.Parameters()).All(p => Tensor.ArrayEqual(p.First.Data, p.Second.Data)));
        Init.Seed(6);
        var c = new MLP([8, 2]);
        c.Forward(Tensor.Ones(1, 3));
        Assert.False(Tensor.ArrayEqual(a.Linears[0].W.Data, c.Linears[0].W.Data));
    }

    [Fact]
    public void LinearWeightsHaveLeCunScale()
    {
        var layer = new Linear(500, 400, gen: new Generator(1));
        double std = Math.Sqrt((layer.W.Data.AsType(DType.Float64) * layer.W.Data.AsType(DType.Float64)).Mean().Item());
        Assert.InRange(std, 0.95 / Math.Sqrt(400), 1.05 / Math.Sqrt(400));
        Assert.Equal(0.0, layer.b!.Data.Abs().Sum().Item());
    }

    [Fact]
    public void ClearGradsForgetsEveryGradient()
    {
        var net = new Net();
        F.Sum(net.Forward(Tensor.Ones(DType.Float64, 2, 2))).Backward();
        Assert.All(net.Parameters(), p => Assert.NotNull(p.Grad));
        net.ClearGrads();
        Assert.All(net.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void GradientsThroughLayersMatchFiniteDifferences()
    {
        var net = new Net();
        var x = Tensor.Randn(new Generator(4), DType.Float64, 2, 2);
        GradCheck.Assert(v => net.Forward(v[0]), x);
    }

    [Fact]
    public void RnnAndLstmKeepStateUntilReset()
    {
        var gen = new Generator(8);
        foreach (Layer layer in new Layer[] { new RNN(5, dtype: DType.Float64, gen: gen), new LSTM(5, dtype: DType.Float64, gen: gen) })
        {
            var x = Tensor.Randn(gen, DType.Float64, 3, 2);
            var first = layer.Forward(x).Data;
            var second = layer.Forward(x).Data;
            Assert.Equal([3, 5], first.Shape);
            Assert.False(Tensor.AllClose(first, second, 1e-12, 0));
            if (layer is RNN rnn) rnn.ResetState(); else ((LSTM)layer).ResetState();
            Assert.True(Tensor.ArrayEqual(first, layer.Forward(x).Data));
        }
    }

    [Fact]
    public void LstmGradientsThroughTimeMatchFiniteDifferences()
    {
        var lstm = new LSTM(3, 2, DType.Float64, new Generator(9));
        var xs = Tensor.Randn(new Generator(10), DType.Float64, 4, 1, 2);
        Variable Unroll(Variable x)
        {
            lstm.ResetState();
            Variable? sum = null;
            for (int t = 0; t < 4; t++)
            {
                var h = lstm.Forward(F.GetItem(x, t));
                sum = sum is null ? h : sum + h;
            }
            return sum!;
        }
        GradCheck.Assert(v => Unroll(v[0]), xs);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Linear(3, -1));
        Assert.Throws<ArgumentException>(() => new Linear(3, dtype: DType.Int32));
        var e = Assert.Throws<ArgumentException>(() => new Linear(3).Forward(Tensor.Ones(2, 3, 4)));
        Assert.Contains("Linear", e.Message);
        Assert.Throws<ArgumentException>(() => new MLP([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LSTM(0));
    }
}
