using System.Text.Json.Nodes;
using Nabla.Autodiff;
using Nabla.GpuBench.Harness;

namespace Nabla.GpuBench.Workloads;

/// <summary>
/// W6: y = sum(tanh(x)·x + exp(−x)) and its gradient for x of 10⁷ float32 uniform in ±2 (seed 601; quick 10⁵),
/// from a fresh leaf each repetition (no gradient accumulated into an old buffer). The clock stops after a read of
/// one element of x's gradient, the last thing the backward pass writes. Check: y and the sum of the gradient.
/// </summary>
internal sealed class Elementwise : IWorkload
{
    public IReadOnlyList<string> Ids => ["W6"];

    public string Name => "elementwise";

    public IEnumerable<JsonObject> Run(RunContext ctx, IReadOnlyList<string> ids)
    {
        int size = ctx.Quick ? 100_000 : 10_000_000;
        var x = ctx.OnDevice(HashRandom.Uniform(601, size, 2.0), size);
        Variable? lastX = null, lastY = null;
        double Once(int run)
        {
            var xv = new Variable(x);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var y = F.Sum(F.Tanh(xv) * xv + F.Exp(-xv));
            y.Backward();
            xv.Grad!.Data.GetDouble(size - 1);
            double ms = clock.Elapsed.TotalMilliseconds;
            (lastX, lastY) = (xv, y);
            return ms;
        }
        var timing = Timing.Measure(Once, warmups: 3, reps: ctx.Reps(20, 5), ctx.BudgetSeconds);
        double gradSum = 0;
        foreach (var g in lastX!.Grad!.Data.ToArray<float>()) gradSum += g;
        yield return Result.Ok(ctx, Ids[0], Name, "ms / forward+backward", $"{size:N0} float32", timing,
            new Dictionary<string, double> { ["y"] = lastY!.Data.Item(), ["grad_sum"] = gradSum });
    }
}
