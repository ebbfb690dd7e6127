using System.Diagnostics;
using Nabla.Autodiff;
using Nabla.Data;
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

    private DataLoader? loader;

    public override int StepsPerEpoch => (xTrain.Dim(0) + batchSize - 1) / batchSize;

    public override (double Loss, double Accuracy)? TrainEpoch(Optimizer optimizer, IEpochProgress progress, CancellationToken token)
    {
        // Made at the first epoch, not in the constructor: a loader draws its first order when made, and the model's
        // lazy parameters draw from the same generator at the first forward pass, so this keeps the draws in order.
        loader ??= new DataLoader(new TensorDataset(xTrain, tTrain), batchSize, shuffle: true, gen, device: xTrain.Device);
        double lossSum = 0, correct = 0;
        int seen = 0, step = 0;
        var clock = Stopwatch.StartNew();
        foreach (var (globalX, globalT) in loader)
        {
            // The step's activations and gradients are handed back for the next step when it ends.
            using var scope = TensorScope.Begin();
            int size = globalX.Dim(0);
            var (x, t) = Parallel is null ? (globalX, globalT) : Shard(globalX, globalT, Parallel.Sampler);
            model.ClearGrads();
            if (x.Dim(0) > 0)
            {
                var y = model.Forward(x);
                var loss = F.SoftmaxCrossEntropy(y, t);
                loss.Backward();
                lossSum += loss.Data.Item() * x.Dim(0);
                correct += F.Accuracy(y, t).Data.Item() * x.Dim(0);
                seen += x.Dim(0);
            }
            Parallel?.AverageGradients((double)x.Dim(0) / size);
            optimizer.Update();
            progress.Step(++step, lossSum / Math.Max(seen, 1), correct / Math.Max(seen, 1), seen / clock.Elapsed.TotalSeconds);
            if (token.IsCancellationRequested) return null;
        }
        if (Parallel is null) return (lossSum / seen, correct / seen);
        Span<double> sums = [lossSum, correct, seen];
        Parallel.Sum(sums);
        Parallel.CheckParametersIdentical();
        return (sums[0] / sums[2], sums[1] / sums[2]);
    }

    /// <summary>This rank's rows of a global batch.</summary>
    private static (Tensor X, Tensor T) Shard(Tensor x, Tensor t, DistributedSampler sampler)
    {
        var (start, count) = sampler.Range(x.Dim(0));
        return (x.Narrow(0, start, count), t.Narrow(0, start, count));
    }

    public override (double Loss, double Accuracy) Evaluate() => Evaluate(xTest, tTest);

    /// <summary>Loss and accuracy on any examples, in batches of 1000.</summary>
    public (double Loss, double Accuracy) Evaluate(Tensor x, Tensor t)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        double lossSum = 0, correct = 0;
        foreach (var (xb, tb) in new DataLoader(new TensorDataset(x, t), 1000, shuffle: false, device: x.Device))
        {
            var y = model.Forward(xb);
            lossSum += F.SoftmaxCrossEntropy(y, tb).Data.Item() * xb.Dim(0);
            correct += F.Accuracy(y, tb).Data.Item() * xb.Dim(0);
        }
        int n = x.Dim(0);
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
