using System.Text.Json.Nodes;
using Nabla.Autodiff;
using Nabla.GpuBench.Harness;
using Nabla.GpuBench.Models;
using Nabla.NN.Optimizers;

namespace Nabla.GpuBench.Workloads;

/// <summary>
/// R: one training step (forward, softmax cross-entropy, backward, SGD(0.01) update) of <see cref="SmallResNet"/> at
/// batch 64 on images uniform in ±1 (seed 310, 3x32x32; quick: batch 4, 3x16x16) with labels 0-9 (seed 311); the
/// weights from seeds 301.. in <see cref="SmallResNet.Convolutions"/> order, then 350 for the linear layer. The same
/// batch every step; BatchNorm uses batch statistics. The clock stops at the read of the loss after the update.
/// Check: the loss of the first step (identical weights and data in both runners) and of the last.
/// </summary>
internal sealed class ResNetStep : IWorkload
{
    public IReadOnlyList<string> Ids => ["R"];

    public string Name => "resnet-step";

    public IEnumerable<JsonObject> Run(RunContext ctx, IReadOnlyList<string> ids)
    {
        var (batch, side) = ctx.Quick ? (4, 16) : (64, 32);
        var model = new SmallResNet();
        uint seed = 301;
        foreach (var conv in model.Convolutions()) Weights.Set(conv, seed++);
        Weights.Set(model.Fc, 350);
        model.To(ctx.Device);
        var optimizer = new SGD(0.01).Setup(model);
        var x = ctx.OnDevice(HashRandom.Uniform(310, (long)batch * 3 * side * side, 1.0), batch, 3, side, side);
        var t = ctx.OnDevice(HashRandom.Labels(311, batch, 10));
        var losses = new List<double>();
        double Once(int run)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var loss = F.SoftmaxCrossEntropy(model.Forward(x), t);
            model.ClearGrads();
            loss.Backward();
            optimizer.Update();
            double value = loss.Data.Item();
            double ms = clock.Elapsed.TotalMilliseconds;
            losses.Add(value);
            return ms;
        }
        var timing = Timing.Measure(Once, warmups: 3, reps: ctx.Reps(20, 3), ctx.BudgetSeconds);
        yield return Result.Ok(ctx, Ids[0], Name, "ms / training step",
            $"batch {batch} of 3x{side}x{side}, conv 3->64 + 4 basic blocks (64, 64, 128/2, 128) with BN, avg-pool, linear 10, SGD 0.01",
            timing, new Dictionary<string, double> { ["loss_step1"] = losses[0], ["loss_last_step"] = losses[^1] },
            new Dictionary<string, double> { ["steps"] = losses.Count });
    }
}
