using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Nabla.Bench.Harness;

/// <summary>
/// What the machine can do at most, so that the table can say how close each system comes: float32 FMA throughput
/// (independent fused multiply-adds in registers, no memory traffic) and copy bandwidth (a large array copied, bytes
/// read plus bytes written), on one thread and on all.
/// </summary>
internal static class Peak
{
    // Twelve independent accumulators hide the FMA latency (4 cycles) on two FMA pipes with room to spare.
    private const int Chains = 12;
    private const long CopyFloats = 64L << 20; // 256 MB each way: far beyond any cache

    /// <summary>Measures and returns a markdown fragment; <paramref name="log"/> gets the progress.</summary>
    public static string Run(RunSettings settings, Action<string> log)
    {
        int all = Environment.ProcessorCount, reps = settings.Quick ? 2 : 5;
        var sb = new StringBuilder();
        sb.AppendLine($"| measure | 1 thread | {all} threads |");
        sb.AppendLine("|---|---|---|");
        string width = Vector512.IsHardwareAccelerated ? "512-bit" : Vector256.IsHardwareAccelerated ? "256-bit" : "128-bit";
        var fma = new[] { Best(reps, () => FmaGflops(1, settings.Quick)), Best(reps, () => FmaGflops(all, settings.Quick)) };
        log($"float32 FMA peak ({width} vectors): {fma[0]:F1} GFLOP/s on 1 thread, {fma[1]:F1} on {all}");
        sb.AppendLine($"| float32 FMA peak, {width} (GFLOP/s) | {fma[0]:F1} | {fma[1]:F1} |");
        var src = new float[CopyFloats];
        var dst = new float[CopyFloats];
        // Touch both arrays once so page faults are not timed.
        src.AsSpan().Fill(1);
        dst.AsSpan().Clear();
        var copy = new[] { Best(reps, () => CopyGBps(src, dst, 1)), Best(reps, () => CopyGBps(src, dst, all)) };
        log($"copy bandwidth (256 MB, read + write): {copy[0]:F1} GB/s on 1 thread, {copy[1]:F1} on {all}");
        sb.AppendLine($"| copy bandwidth, 256 MB read + written (GB/s) | {copy[0]:F1} | {copy[1]:F1} |");
        return sb.ToString();
    }

    private static double Best(int reps, Func<double> measure)
    {
        double best = 0;
        for (int r = 0; r < reps; r++) best = Math.Max(best, measure());
        return best;
    }

    private static double FmaGflops(int threads, bool quick)
    {
        long iterations = quick ? 2_000_000 : 20_000_000;
        var clock = Stopwatch.StartNew();
        double flopsPerIteration = Chains * 2.0 * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count);
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            if (Vector512.IsHardwareAccelerated) Sink(Fma512(iterations, t));
            else Sink(Fma256(iterations, t));
        });
        return threads * iterations * flopsPerIteration / clock.Elapsed.TotalSeconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Sink(float value)
    {
        if (value == 12345.678f) Console.Write("");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Fma512(long iterations, int seed)
    {
        var m = Vector512.Create(0.999999f);
        var a = Vector512.Create(1e-7f * (seed + 1));
        Vector512<float> c0 = Vector512.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a); c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a); c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a); c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a); c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a); c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a); c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Fma256(long iterations, int seed)
    {
        var m = Vector256.Create(0.999999f);
        var a = Vector256.Create(1e-7f * (seed + 1));
        Vector256<float> c0 = Vector256.Create(1f), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, m, a); c1 = Vector256.FusedMultiplyAdd(c1, m, a);
            c2 = Vector256.FusedMultiplyAdd(c2, m, a); c3 = Vector256.FusedMultiplyAdd(c3, m, a);
            c4 = Vector256.FusedMultiplyAdd(c4, m, a); c5 = Vector256.FusedMultiplyAdd(c5, m, a);
            c6 = Vector256.FusedMultiplyAdd(c6, m, a); c7 = Vector256.FusedMultiplyAdd(c7, m, a);
            c8 = Vector256.FusedMultiplyAdd(c8, m, a); c9 = Vector256.FusedMultiplyAdd(c9, m, a);
            c10 = Vector256.FusedMultiplyAdd(c10, m, a); c11 = Vector256.FusedMultiplyAdd(c11, m, a);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    private static double CopyGBps(float[] src, float[] dst, int threads)
    {
        long slice = src.LongLength / threads;
        var clock = Stopwatch.StartNew();
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            long start = t * slice, length = t == threads - 1 ? src.LongLength - start : slice;
            src.AsSpan((int)start, (int)length).CopyTo(dst.AsSpan((int)start, (int)length));
        });
        return 2.0 * src.LongLength * sizeof(float) / clock.Elapsed.TotalSeconds / 1e9;
    }
}
