using System.Text.Json.Nodes;
using Nabla.GpuBench.Harness;
using Nabla.Tensors;

namespace Nabla.GpuBench.Workloads;

/// <summary>
/// W5: C = A·B for n×n float32 matrices uniform in ±1 (seeds 501 and 502), n = 4096 and 8192 (quick: 128, 256);
/// TFLOP/s = 2n³ / time. Each repetition is one product followed by a read of C's last element, which waits for it.
/// Check: the mean of |C| and C[0,0].
/// </summary>
internal sealed class Gemm : IWorkload
{
    public IReadOnlyList<string> Ids => ["W5-4096", "W5-8192"];

    public string Name => "gemm";

    public IEnumerable<JsonObject> Run(RunContext ctx, IReadOnlyList<string> ids)
    {
        foreach (var id in ids)
        {
            int n = int.Parse(id.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);
            if (ctx.Quick) n /= 32;
            yield return RunOne(ctx, id, n);
        }
    }

    private JsonObject RunOne(RunContext ctx, string id, int n)
    {
        var a = ctx.OnDevice(HashRandom.Uniform(501, (long)n * n, 1.0), n, n);
        var b = ctx.OnDevice(HashRandom.Uniform(502, (long)n * n, 1.0), n, n);
        Tensor? c = null;
        double Once(int run)
        {
            c = null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            c = Tensor.MatMul(a, b);
            c.GetDouble(n - 1, n - 1);
            return clock.Elapsed.TotalMilliseconds;
        }
        // 8192³ is 1.1 TFLOP: few repetitions.
        var timing = Timing.Measure(Once, warmups: 2, reps: ctx.Reps(n >= 8192 ? 5 : 10, 3), ctx.BudgetSeconds);
        var values = c!.ToArray<float>();
        double absSum = 0;
        foreach (var v in values) absSum += Math.Abs(v);
        double flop = 2.0 * n * (double)n * n;
        return Result.Ok(ctx, id, Name, "TFLOP/s", $"{n}x{n} @ {n}x{n} float32", timing,
            new Dictionary<string, double> { ["mean_abs_c"] = absSum / values.Length, ["c00"] = values[0] },
            new Dictionary<string, double>
            {
                ["n"] = n,
                ["tflops_median"] = flop / (timing.Median * 1e-3) / 1e12,
                ["tflops_best"] = flop / (timing.Min * 1e-3) / 1e12,
            });
    }
}
