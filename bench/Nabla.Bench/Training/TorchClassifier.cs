using Nabla.Bench.Harness;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Nabla.Bench.Training;

/// <summary>
/// TorchSharp's side of W1 and W2: the same data, the same initial weights, the same shuffled order (the same seeded
/// Nabla generator draws the permutation), <c>cross_entropy</c>, <c>torch.optim.Adam</c> (its <c>weight_decay</c>
/// adds rate·p to the gradient, as Nabla's WeightDecay hook). Native memory is handled as <see cref="TorchMemory"/> says.
/// </summary>
internal sealed class TorchClassifier : ITrainer
{
    private readonly Module<Tensor, Tensor> model;
    private readonly IReadOnlyList<TorchStage> stages;
    private readonly IReadOnlyList<GemmShape> gemms;
    private readonly optim.Optimizer optimizer;
    private readonly Tensor xTrain, tTrain, xTest, tTest;
    private readonly int batchSize;
    private readonly TorchMemory memory;
    private readonly Nabla.Tensors.Generator gen;

    public TorchClassifier(Module<Tensor, Tensor> model, IReadOnlyList<TorchStage> stages, IReadOnlyList<GemmShape> gemms,
        double lr, double weightDecay, (Tensor X, Tensor T) train, (Tensor X, Tensor T) test,
        int batchSize, int steps, long shuffleSeed, TorchMemory memory)
    {
        (this.model, this.stages, this.gemms, this.batchSize, this.memory) = (model, stages, gemms, batchSize, memory);
        optimizer = optim.Adam(model.parameters(), lr: lr, weight_decay: weightDecay);
        (xTrain, tTrain, xTest, tTest) = (train.X, train.T, test.X, test.T);
        StepsPerEpoch = (int)Math.Min(steps, (xTrain.shape[0] + batchSize - 1) / batchSize);
        gen = new Nabla.Tensors.Generator(shuffleSeed);
    }

    public int StepsPerEpoch { get; }

    public EpochStats TrainEpoch(Phases? phases = null)
    {
        int n = (int)xTrain.shape[0];
        var order = gen.Permutation(n);
        double lossSum = 0;
        int seen = 0;
        model.train();
        phases?.Begin();
        var timer = Harness.Timer.Start();
        for (int step = 0; step < StepsPerEpoch; step++)
        {
            phases?.Mark("batch (shuffle, gather)");
            using (var scope = TorchMemoryPolicy.StepScope(memory))
            {
                int size = Math.Min(batchSize, n - step * batchSize);
                var index = new long[size];
                for (int i = 0; i < size; i++) index[i] = order[step * batchSize + i];
                var indexTensor = torch.tensor(index);
                var (x, t) = (xTrain.index_select(0, indexTensor), tTrain.index_select(0, indexTensor));
                phases?.Mark("forward");
                var y = model.forward(x);
                phases?.Mark("loss forward");
                var loss = functional.cross_entropy(y, t);
                phases?.Mark("backward (loss and layers)");
                optimizer.zero_grad();
                loss.backward();
                phases?.Mark("optimizer update");
                optimizer.step();
                phases?.Mark("loss readout");
                lossSum += loss.item<float>() * size;
                seen += size;
                phases?.Mark("scope dispose / GC.Collect");
            }
            TorchMemoryPolicy.AfterStep(memory, step);
        }
        double seconds = timer.Seconds;
        phases?.End();
        return new EpochStats(seconds, lossSum / seen);
    }

    public double Test()
    {
        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        model.eval();
        long correct = 0;
        long n = xTest.shape[0];
        for (long start = 0; start < n; start += 1000)
        {
            long size = Math.Min(1000, n - start);
            var y = model.forward(xTest.narrow(0, start, size));
            correct += y.argmax(1).eq(tTest.narrow(0, start, size)).sum().item<long>();
        }
        model.train();
        return (double)correct / n;
    }

    public IReadOnlyList<StageTime> ProfileStages(int reps)
    {
        var result = new List<StageTime>();
        using var scope = torch.NewDisposeScope();
        var input = xTrain.narrow(0, 0, batchSize);
        var labels = tTrain.narrow(0, 0, batchSize);
        var all = stages.Append(new TorchStage("softmax cross-entropy", v => functional.cross_entropy(v, labels))).ToArray();
        for (int s = 0; s < all.Length; s++)
        {
            var (forward, backward) = (new List<double>(), new List<double>());
            Tensor? output = null;
            for (int r = 0; r < reps; r++)
            {
                using var rep = torch.NewDisposeScope();
                // As in training: the data needs no gradient, every later activation does.
                var x = input.detach().requires_grad_(s > 0);
                var timer = Harness.Timer.Start();
                var y = all[s].Forward(x);
                forward.Add(timer.Milliseconds);
                optimizer.zero_grad();
                var seed = torch.ones_like(y);
                timer = Harness.Timer.Start();
                y.backward([seed]);
                backward.Add(timer.Milliseconds);
                output?.Dispose();
                output = y.detach().MoveToOuterDisposeScope();
            }
            result.Add(new StageTime(all[s].Name, Stats.Median(forward), Stats.Median(backward)));
            input = output!;
        }
        foreach (var g in gemms)
        {
            var (x, w, gy) = (torch.randn(g.Batch, g.In), torch.randn(g.In, g.Out), torch.randn(g.Batch, g.Out));
            var (forward, backward) = (new List<double>(), new List<double>());
            for (int r = 0; r < reps; r++)
            {
                using var rep = torch.NewDisposeScope();
                var timer = Harness.Timer.Start();
                torch.matmul(x, w);
                forward.Add(timer.Milliseconds);
                timer = Harness.Timer.Start();
                torch.matmul(gy, w.t());
                torch.matmul(x.t(), gy);
                backward.Add(timer.Milliseconds);
            }
            result.Add(new StageTime($"{g.Name}: GEMMs alone", Stats.Median(forward), Stats.Median(backward)));
        }
        return result;
    }

    public double ProfileUpdate(int reps)
    {
        using var scope = torch.NewDisposeScope();
        optimizer.zero_grad();
        functional.cross_entropy(model.forward(xTrain.narrow(0, 0, batchSize)), tTrain.narrow(0, 0, batchSize)).backward();
        var times = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            using var rep = torch.NewDisposeScope();
            var timer = Harness.Timer.Start();
            optimizer.step();
            times.Add(timer.Milliseconds);
        }
        return Stats.Median(times);
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
    }
}
