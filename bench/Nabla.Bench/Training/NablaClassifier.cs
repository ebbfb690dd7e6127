using Nabla.Autodiff;
using Nabla.Bench.Harness;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Bench.Training;

/// <summary>
/// Nabla's side of W1 and W2, the loop of the CLI's ClassificationTask: each epoch a fresh permutation from a seeded
/// generator, batches gathered with <c>Take</c>, softmax cross-entropy, backward, optimizer update. No forced GC.
/// </summary>
internal sealed class NablaClassifier : ITrainer
{
    private readonly Layer model;
    private readonly IReadOnlyList<NablaStage> stages;
    private readonly IReadOnlyList<GemmShape> gemms;
    private readonly Optimizer optimizer;
    private readonly Tensor xTrain, tTrain, xTest, tTest;
    private readonly int batchSize;
    private readonly Generator gen;

    public NablaClassifier(Layer model, IReadOnlyList<NablaStage> stages, IReadOnlyList<GemmShape> gemms, Optimizer optimizer,
        (Tensor X, Tensor T) train, (Tensor X, Tensor T) test, int batchSize, int steps, long shuffleSeed)
    {
        (this.model, this.stages, this.gemms, this.batchSize) = (model, stages, gemms, batchSize);
        this.optimizer = optimizer.Setup(model);
        (xTrain, tTrain, xTest, tTest) = (train.X, train.T, test.X, test.T);
        StepsPerEpoch = Math.Min(steps, (xTrain.Dim(0) + batchSize - 1) / batchSize);
        gen = new Generator(shuffleSeed);
    }

    public int StepsPerEpoch { get; }

    public EpochStats TrainEpoch(Phases? phases = null)
    {
        int n = xTrain.Dim(0);
        var order = gen.Permutation(n);
        double lossSum = 0;
        int seen = 0;
        phases?.Begin();
        var timer = Harness.Timer.Start();
        for (int step = 0; step < StepsPerEpoch; step++)
        {
            // As TorchSharp's NewDisposeScope per step: the step's arrays are reused by the next one.
            using var scope = TensorScope.Begin();
            phases?.Mark("batch (shuffle, gather)");
            int size = Math.Min(batchSize, n - step * batchSize);
            var index = new long[size];
            for (int i = 0; i < size; i++) index[i] = order[step * batchSize + i];
            var indexTensor = Tensor.FromArray(index);
            var (x, t) = (xTrain.Take(indexTensor), tTrain.Take(indexTensor));
            phases?.Mark("forward");
            var y = model.Forward(x);
            phases?.Mark("loss forward");
            var loss = F.SoftmaxCrossEntropy(y, t);
            phases?.Mark("backward (loss and layers)");
            model.ClearGrads();
            loss.Backward();
            phases?.Mark("optimizer update");
            optimizer.Update();
            phases?.Mark("loss readout");
            lossSum += loss.Data.Item() * size;
            seen += size;
        }
        double seconds = timer.Seconds;
        phases?.End();
        return new EpochStats(seconds, lossSum / seen);
    }

    public double Test()
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        double correct = 0;
        int n = xTest.Dim(0);
        for (int start = 0; start < n; start += 1000)
        {
            int size = Math.Min(1000, n - start);
            var y = model.Forward(xTest.Narrow(0, start, size));
            correct += F.Accuracy(y, tTest.Narrow(0, start, size)).Data.Item() * size;
        }
        return correct / n;
    }

    public IReadOnlyList<StageTime> ProfileStages(int reps)
    {
        var result = new List<StageTime>();
        var input = xTrain.Narrow(0, 0, batchSize).Contiguous();
        var labels = tTrain.Narrow(0, 0, batchSize).Contiguous();
        var all = stages.Append(new NablaStage("softmax cross-entropy", v => F.SoftmaxCrossEntropy(v, labels)));
        foreach (var stage in all)
        {
            var (forward, backward) = (new List<double>(), new List<double>());
            Variable? y = null;
            for (int r = 0; r < reps; r++)
            {
                // Every stage input is a leaf, as the data is in training; Nabla computes its gradient too.
                var x = new Variable(input);
                var timer = Harness.Timer.Start();
                y = stage.Forward(x);
                forward.Add(timer.Milliseconds);
                model.ClearGrads();
                y.Grad = new Variable(Tensor.OnesLike(y.Data));
                timer = Harness.Timer.Start();
                y.Backward();
                backward.Add(timer.Milliseconds);
            }
            result.Add(new StageTime(stage.Name, Stats.Median(forward), Stats.Median(backward)));
            input = y!.Data;
        }
        var rng = new Generator(1);
        foreach (var g in gemms)
        {
            var (x, w, gy) = (Tensor.Randn(rng, g.Batch, g.In), Tensor.Randn(rng, g.In, g.Out), Tensor.Randn(rng, g.Batch, g.Out));
            var (forward, backward) = (new List<double>(), new List<double>());
            for (int r = 0; r < reps; r++)
            {
                var timer = Harness.Timer.Start();
                Tensor.MatMul(x, w);
                forward.Add(timer.Milliseconds);
                timer = Harness.Timer.Start();
                Tensor.MatMul(gy, w.T);
                Tensor.MatMul(x.T, gy);
                backward.Add(timer.Milliseconds);
            }
            result.Add(new StageTime($"{g.Name}: GEMMs alone", Stats.Median(forward), Stats.Median(backward)));
        }
        return result;
    }

    public double ProfileUpdate(int reps)
    {
        var x = xTrain.Narrow(0, 0, batchSize);
        var t = tTrain.Narrow(0, 0, batchSize);
        model.ClearGrads();
        F.SoftmaxCrossEntropy(model.Forward(x), t).Backward();
        var times = new List<double>();
        for (int r = 0; r < reps; r++)
        {
            var timer = Harness.Timer.Start();
            optimizer.Update();
            times.Add(timer.Milliseconds);
        }
        return Stats.Median(times);
    }

    public void Dispose() { }
}
