using System.Text.Json.Nodes;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.GpuBench.Harness;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.GpuBench.Workloads;

/// <summary>
/// W1 and W2: one epoch of MNIST training on the repository's 8,000 training digits (pixels / 255), batch 100,
/// softmax cross-entropy, Adam(1e-3) (W1 with weight decay 1e-4). Epoch e visits the digits in the order
/// <see cref="HashRandom.Permutation"/>(1000 + e); the index batches are put on the device before the clock starts.
/// Each step's loss is added up on the device and read once at the end: that read is the synchronisation that
/// makes the epoch's time the device's. Check: the mean loss of the first (warm-up) epoch, the same in both runners.
/// </summary>
internal sealed class MnistClassifier(bool cnn) : IWorkload
{
    private const int Batch = 100;

    public IReadOnlyList<string> Ids => [cnn ? "W2" : "W1"];

    public string Name => cnn ? "cnn-mnist" : "mlp-mnist";

    public IEnumerable<JsonObject> Run(RunContext ctx, IReadOnlyList<string> ids)
    {
        var (model, optimizer) = cnn ? Cnn() : Mlp();
        model.To(ctx.Device);
        optimizer.Setup(model);
        var train = new Mnist(train: true, directory: ctx.DataDirectory);
        int n = ctx.Quick ? 1000 : train.Data.Dim(0);
        var images = (train.Data.Narrow(0, 0, n) * (1 / 255.0)).Contiguous();
        if (!cnn) images = images.Reshape(n, 784);
        var x = images.To(ctx.Device);
        var t = train.Labels.Narrow(0, 0, n).Contiguous().To(ctx.Device);
        int steps = n / Batch;
        var losses = new List<double>();

        double Epoch(int epoch)
        {
            var order = HashRandom.Permutation((uint)(1000 + epoch), n);
            var batches = new Tensor[steps];
            for (int s = 0; s < steps; s++) batches[s] = ctx.OnDevice(order[(s * Batch)..((s + 1) * Batch)]);
            // A host read waits for the copies, so they stay outside the timed region.
            batches[^1].GetDouble(Batch - 1);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var total = Tensor.Zeros().To(ctx.Device);
            foreach (var index in batches)
            {
                var y = model.Forward(x.Take(index));
                var loss = F.SoftmaxCrossEntropy(y, t.Take(index));
                model.ClearGrads();
                loss.Backward();
                optimizer.Update();
                total = total + loss.Data;
            }
            double sum = total.Item();
            double ms = clock.Elapsed.TotalMilliseconds;
            losses.Add(sum / steps);
            return ms;
        }

        var timing = Timing.Measure(Epoch, warmups: 1, reps: ctx.Reps(5, 2), ctx.BudgetSeconds);
        string work = $"1 epoch = {steps} steps of batch {Batch} on {n} digits, " +
            (cnn ? "conv 1->16 3x3, pool, conv 16->32 3x3, pool, linear 1568->10, Adam 1e-3" : "MLP 784-1000-1000-10 ReLU, Adam 1e-3 + weight decay 1e-4");
        yield return Result.Ok(ctx, Ids[0], Name, "ms / epoch", work, timing,
            new Dictionary<string, double> { ["loss_epoch1"] = losses[0] },
            new Dictionary<string, double> { ["loss_last_epoch"] = losses[^1], ["epochs"] = losses.Count });
    }

    /// <summary>W1's MLP, with weights from seeds 101-103.</summary>
    private static (Layer, Optimizer) Mlp()
    {
        Linear[] l = [new(1000, inSize: 784), new(1000, inSize: 1000), new(10, inSize: 1000)];
        for (int i = 0; i < l.Length; i++) Weights.Set(l[i], (uint)(101 + i));
        var model = new Sequential(l[0], Activation.ReLU(), l[1], Activation.ReLU(), l[2]);
        return (model, new Adam(1e-3).AddHook(new WeightDecay(1e-4)));
    }

    /// <summary>W2's CNN (the CLI's TrainingTasks.Cnn and bench/Nabla.Bench's CnnMnist), with weights from seeds 201-203.</summary>
    private static (Layer, Optimizer) Cnn()
    {
        var conv1 = new Conv2d(16, 3, pad: 1, inChannels: 1);
        var conv2 = new Conv2d(32, 3, pad: 1, inChannels: 16);
        var fc = new Linear(10, inSize: 1568);
        Weights.Set(conv1, 201);
        Weights.Set(conv2, 202);
        Weights.Set(fc, 203);
        var model = new Sequential(
            conv1, Activation.ReLU(), new Activation(v => F.Pooling(v, 2), "MaxPool2"),
            conv2, Activation.ReLU(), new Activation(v => F.Pooling(v, 2), "MaxPool2"),
            Activation.Flatten(), fc);
        return (model, new Adam(1e-3));
    }
}
