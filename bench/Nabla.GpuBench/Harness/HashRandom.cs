namespace Nabla.GpuBench.Harness;

/// <summary>
/// Deterministic "random" data that bench/gpu/torch_workloads.py reproduces bit for bit, so that both systems start
/// from the same weights, images and batch orders without exchanging files: value i of stream <c>seed</c> comes from
/// lowbias32(i + lowbias32(seed)) (a bijection on 32-bit integers, so keys never tie). Nabla's own generators are
/// not used because PyTorch could not reproduce them without a copy of their code.
/// </summary>
internal static class HashRandom
{
    /// <summary>Chris Wellons' lowbias32 integer hash.</summary>
    public static uint Hash32(uint x)
    {
        unchecked
        {
            x ^= x >> 16;
            x *= 0x7feb352d;
            x ^= x >> 15;
            x *= 0x846ca68b;
            x ^= x >> 16;
            return x;
        }
    }

    private static uint Key(uint offset, long i) => Hash32(unchecked((uint)i + offset));

    /// <summary>
    /// <paramref name="count"/> floats uniform in [−bound, bound): u = (h >> 8)·2⁻²⁴ is exact in float32, 2u − 1 is
    /// exact, and the one rounding is the product with (float)bound, as PyTorch computes it.
    /// </summary>
    public static float[] Uniform(uint seed, long count, double bound)
    {
        var values = new float[count];
        uint offset = Hash32(seed);
        float b = (float)bound;
        // 67 M values for the 8192² GEMM: worth the cores.
        Parallel.For(0, (int)((count + 65535) / 65536), chunk =>
        {
            long end = Math.Min(count, (chunk + 1L) * 65536);
            for (long i = chunk * 65536L; i < end; i++)
            {
                float u = (Key(offset, i) >> 8) * (1f / 16777216f);
                values[i] = (2f * u - 1f) * b;
            }
        });
        return values;
    }

    /// <summary>Labels 0..classes−1: h mod classes.</summary>
    public static long[] Labels(uint seed, int count, int classes)
    {
        var labels = new long[count];
        uint offset = Hash32(seed);
        for (int i = 0; i < count; i++) labels[i] = Key(offset, i) % (uint)classes;
        return labels;
    }

    /// <summary>A permutation of 0..n−1: the indices sorted by their keys (torch.argsort of the same keys).</summary>
    public static long[] Permutation(uint seed, int n)
    {
        uint offset = Hash32(seed);
        var keys = new uint[n];
        var order = new long[n];
        for (int i = 0; i < n; i++) (keys[i], order[i]) = (Key(offset, i), i);
        Array.Sort(keys, order);
        return order;
    }
}
