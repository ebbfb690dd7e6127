using System.Runtime.CompilerServices;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests.NN;

/// <summary>
/// The state of RNN and LSTM layers across calls: <c>ResetState</c> starts a new sequence, and cutting the graph
/// with <c>UnchainBackward</c> after each truncated-backprop window keeps the graph, and so the memory, bounded.
/// </summary>
public class RecurrentTests
{
    private sealed class Net : Model
    {
        public Net(string kind, long seed)
        {
            var gen = new Generator(seed);
            if (kind == "lstm") Lstm = new LSTM(8, gen: gen);
            else Rnn = new RNN(8, gen: gen);
            Fc = new Linear(1, gen: gen);
        }

        public LSTM? Lstm { get; }
        public RNN? Rnn { get; }
        public Linear Fc { get; }

        public Variable? H => Lstm is not null ? Lstm.H : Rnn!.H;

        public void ResetState()
        {
            Lstm?.ResetState();
            Rnn?.ResetState();
        }

        public override Variable Forward(Variable x) => Fc.Forward(Lstm is not null ? Lstm.Forward(x) : Rnn!.Forward(x));
    }

    public static TheoryData<string> Kinds => ["lstm", "rnn"];

    private static Tensor Step(int i) => Tensor.Full([3, 1], Math.Sin(i * 0.3));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void ResetStateStartsANewSequence(string kind)
    {
        var net = new Net(kind, 1);
        var first = net.Forward(Step(1)).Data;
        Assert.NotNull(net.H);
        if (kind == "lstm") Assert.NotNull(net.Lstm!.C);
        // The same input gives another output while the state is carried ...
        Assert.False(Tensor.ArrayEqual(first, net.Forward(Step(1)).Data));
        net.Forward(Step(2));
        // ... and the first output again after a reset.
        net.ResetState();
        Assert.Null(net.H);
        if (kind == "lstm") Assert.Null(net.Lstm!.C);
        Assert.True(Tensor.ArrayEqual(first, net.Forward(Step(1)).Data));
    }

    /// <summary>
    /// One truncated-backprop window of <paramref name="bptt"/> steps; returns the number of graph nodes behind the
    /// window's loss and a weak reference to the window's first hidden state (which later states are computed from).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (int Nodes, WeakReference First) Window(Net net, Optimizer optimizer, IEnumerator<(Tensor x, Tensor t)> batches, int bptt, bool unchain)
    {
        Variable? loss = null;
        WeakReference? first = null;
        for (int i = 0; i < bptt; i++)
        {
            Assert.True(batches.MoveNext());
            var (x, t) = batches.Current;
            var y = net.Forward(x);
            first ??= new WeakReference(net.H);
            var step = F.MeanSquaredError(y, new Variable(t));
            loss = loss is null ? step : loss + step;
        }
        int nodes = Graph.NodeCount(loss!);
        net.ClearGrads();
        loss!.Backward();
        if (unchain) loss.UnchainBackward();
        optimizer.Update();
        return (nodes, first!);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void UnchainingEachWindowKeepsTheGraphBounded(string kind)
    {
        var net = new Net(kind, 2);
        var optimizer = new Adam(1e-3).Setup(net);
        // Three parallel streams of the sine curve, one time step per batch.
        var loader = new SeqDataLoader(new SinCurve(dtype: DType.Float32), 3);
        using var batches = loader.GetEnumerator();
        var (firstNodes, firstState) = Window(net, optimizer, batches, 10, unchain: true);
        var counts = Enumerable.Range(0, 8).Select(_ => Window(net, optimizer, batches, 10, unchain: true).Nodes).ToList();
        // Every window after the first (which starts without a state) builds the same graph ...
        Assert.All(counts, c => Assert.Equal(counts[0], c));
        Assert.True(counts[0] > firstNodes);
        // ... and the state it hands on has no history.
        Assert.Null(net.H!.Creator);
        Assert.Equal(1, Graph.NodeCount(net.H));
        if (kind == "lstm") Assert.Null(net.Lstm!.C!.Creator);
        // So the first window's graph is garbage.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(firstState.IsAlive);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WithoutUnchainingTheGraphGrowsWithEveryWindow(string kind)
    {
        var net = new Net(kind, 2);
        var optimizer = new SGD(1e-3).Setup(net);
        using var batches = new SeqDataLoader(new SinCurve(dtype: DType.Float32), 3).GetEnumerator();
        var (_, firstState) = Window(net, optimizer, batches, 10, unchain: false);
        var counts = Enumerable.Range(0, 4).Select(_ => Window(net, optimizer, batches, 10, unchain: false).Nodes).ToList();
        for (int i = 1; i < counts.Count; i++) Assert.True(counts[i] > counts[i - 1], $"window {i}: {counts[i]} nodes after {counts[i - 1]}");
        GC.Collect();
        Assert.True(firstState.IsAlive);
        Assert.NotNull(net.H!.Creator);
    }

    [Fact]
    public void TruncatedBackpropMatchesAFreshGraphFromTheCarriedState()
    {
        // After UnchainBackward the carried state is a constant: the next window's gradients equal those of a
        // network started from that state as a plain input.
        var net = new Net("lstm", 3);
        var optimizer = new SGD(0).Setup(net);
        using var batches = new SeqDataLoader(new SinCurve(dtype: DType.Float32), 2).GetEnumerator();
        Window(net, optimizer, batches, 5, unchain: true);
        var h = net.Lstm!.H!.Data.Copy();
        var c = net.Lstm.C!.Data.Copy();
        Window(net, optimizer, batches, 5, unchain: true);
        var grad = net.Fc.W.Grad!.Data.Copy();
        // Replay the second window by hand from (h, c), with the same weights.
        var lstmW = net.Lstm.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        Assert.Equal(["x2h.W", "x2h.b", "h2h.W"], lstmW.Keys);
        using var replay = new SeqDataLoader(new SinCurve(dtype: DType.Float32), 2).GetEnumerator();
        for (int i = 0; i < 5; i++) replay.MoveNext();
        Variable H = new(h), C = new(c);
        Variable? loss = null;
        for (int i = 0; i < 5; i++)
        {
            replay.MoveNext();
            var (x, t) = replay.Current;
            var z = F.Linear(new Variable(x), lstmW["x2h.W"], lstmW["x2h.b"]) + F.MatMul(H, lstmW["h2h.W"]);
            Variable Gate(int k) => F.GetItem(z, Slice.All, new Slice(8 * k, 8 * (k + 1)));
            C = F.Sigmoid(Gate(0)) * C + F.Sigmoid(Gate(1)) * F.Tanh(Gate(3));
            H = F.Sigmoid(Gate(2)) * F.Tanh(C);
            var step = F.MeanSquaredError(net.Fc.Forward(H), new Variable(t));
            loss = loss is null ? step : loss + step;
        }
        net.ClearGrads();
        loss!.Backward();
        Assert.True(Tensor.AllClose(grad, net.Fc.W.Grad!.Data, 1e-5, 1e-6));
    }
}
