using System.Diagnostics;
using Nabla.Autodiff;
using Nabla.Distributed;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Cli.Training;

/// <summary>Softmax cross-entropy on in-memory examples (rows of <c>xTrain</c>), shuffled each epoch by a seeded generator.</summary>
public class ClassificationTask(Model model, Tensor xTrain, Tensor tTrain, Tensor xTest, Tensor tTest, int batchSize, Generator gen) : TrainingTask
{
    public override Model Model => model;

    /// <summary>The test examples and labels.</summary>
    public (Tensor X, Tensor T) TestSet => (xTest, tTest);

    public Tensor XTrain => xTrain;
    public Tensor TTrain => tTrain;

    /// <summary>
    /// Set for <c>--distributed</c>: each global batch of <c>batchSize</c> is shared among the ranks, gradients are
    /// averaged over them, and the epoch's metrics are summed over them.
    /// </summary>
    public DistributedDataParallel? Parallel { get; set; }

    public override int StepsPerEpoch => (xTrain.Dim(0) + batchSize - 1) / batchSize;

    public override (double Loss, double Accuracy)? TrainEpoch(Optimizer optimizer, IEpochProgress progress, CancellationToken token)
    {
        int n = xTrain.Dim(0);
        var order = gen.Permutation(n);
        double lossSum = 0, correct = 0;
        int seen = 0;
        var clock = Stopwatch.StartNew();
        for (int step = 0; step * batchSize < n; step++)
        {
            int size = Math.Min(batchSize, n - step * batchSize);
            ReadOnlySpan<int> batch = order.AsSpan(step * batchSize, size);
            if (Parallel is not null) batch = Parallel.Sampler.Shard(batch);
            model.ClearGrads();
            if (batch.Length > 0)
            {
                var index = Tensor.FromArray(batch.ToArray().Select(i => (long)i).ToArray());
                var (x, t) = (xTrain.Take(index), tTrain.Take(index));
                var y = model.Forward(x);
                var loss = F.SoftmaxCrossEntropy(y, t);
                loss.Backward();
                lossSum += loss.Data.Item() * batch.Length;
                correct += F.Accuracy(y, t).Data.Item() * batch.Length;
                seen += batch.Length;
            }
            Parallel?.AverageGradients((double)batch.Length / size);
            optimizer.Update();
            progress.Step(step + 1, lossSum / Math.Max(seen, 1), correct / Math.Max(seen, 1), seen / clock.Elapsed.TotalSeconds);
            if (token.IsCancellationRequested) return null;
        }
        if (Parallel is null) return (lossSum / seen, correct / seen);
        Span<double> sums = [lossSum, correct, seen];
        Parallel.Sum(sums);
        Parallel.CheckParametersIdentical();
        return (sums[0] / sums[2], sums[1] / sums[2]);
    }

    public override (double Loss, double Accuracy) Evaluate() => Evaluate(xTest, tTest);

    /// <summary>Loss and accuracy on any examples, in batches of 1000.</summary>
    public (double Loss, double Accuracy) Evaluate(Tensor x, Tensor t)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        double lossSum = 0, correct = 0;
        int n = x.Dim(0);
        for (int start = 0; start < n; start += 1000)
        {
            int size = Math.Min(1000, n - start);
            var (xb, tb) = (x.Narrow(0, start, size), t.Narrow(0, start, size));
            var y = model.Forward(xb);
            lossSum += F.SoftmaxCrossEntropy(y, tb).Data.Item() * size;
            correct += F.Accuracy(y, tb).Data.Item() * size;
        }
        return (lossSum / Math.Max(n, 1), correct / Math.Max(n, 1));
    }

    /// <summary>Predicted classes of <paramref name="x"/>, in test mode.</summary>
    public long[] Predict(Tensor x)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        return model.Forward(x).Data.ArgMax(1).ToArray<long>();
    }
}
