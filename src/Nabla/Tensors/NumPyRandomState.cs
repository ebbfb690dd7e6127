namespace Nabla.Tensors;

/// <summary>
/// NumPy's legacy <c>numpy.random.RandomState</c> (the generator behind <c>np.random.seed</c>, <c>rand</c>,
/// <c>randn</c>, <c>permutation</c>, ... that DeZero uses), reproduced bit for bit: MT19937 seeded by
/// <c>init_genrand</c> for an integer seed or <c>init_by_array</c> for an array, 53-bit doubles as NumPy makes
/// them, normals by the polar method with its cached second value, shuffles and integers by masked rejection.
/// Wrap it in <see cref="Generator.NumPy(uint)"/> to drive Nabla's own sampling with it.
/// </summary>
public sealed class NumPyRandomState
{
    private const int N = 624, M = 397;
    private const uint MatrixA = 0x9908b0dfU, UpperMask = 0x80000000U, LowerMask = 0x7fffffffU;

    private readonly uint[] mt = new uint[N];
    private int pos;
    private double? gauss;

    /// <summary>As <c>np.random.RandomState(seed)</c> for an integer seed in [0, 2^32).</summary>
    public NumPyRandomState(uint seed = 0) => Seed(seed);

    /// <summary>As <c>np.random.RandomState(key)</c> for an array seed (each entry in [0, 2^32)).</summary>
    public NumPyRandomState(uint[] key) => Seed(key);

    /// <summary>Restarts the stream as <c>np.random.seed(seed)</c> does for an integer (MT19937 <c>init_genrand</c>).</summary>
    public void Seed(uint seed)
    {
        InitGenrand(seed);
        gauss = null;
    }

    /// <summary>Restarts the stream as <c>np.random.seed(key)</c> does for an array (MT19937 <c>init_by_array</c>).</summary>
    public void Seed(uint[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length == 0) throw new ArgumentException("NumPyRandomState.Seed: the seed array must not be empty", nameof(key));
        InitGenrand(19650218U);
        int i = 1, j = 0;
        for (int k = Math.Max(N, key.Length); k > 0; k--)
        {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1664525U)) + key[j] + (uint)j;
            i++;
            j++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
            if (j >= key.Length) j = 0;
        }
        for (int k = N - 1; k > 0; k--)
        {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) * 1566083941U)) - (uint)i;
            i++;
            if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
        }
        mt[0] = 0x80000000U;
        pos = N;
        gauss = null;
    }

    /// <summary>The next 32 random bits (MT19937 <c>genrand_int32</c>).</summary>
    public uint NextUInt32()
    {
        if (pos >= N) Regenerate();
        uint y = mt[pos++];
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680U;
        y ^= (y << 15) & 0xefc60000U;
        return y ^ (y >> 18);
    }

    /// <summary>64 bits from two draws, the first one high (NumPy's <c>next_uint64</c> for MT19937).</summary>
    public ulong NextUInt64() => ((ulong)NextUInt32() << 32) | NextUInt32();

    /// <summary>Uniform in [0, 1) from 27 + 26 bits of two draws (<c>random_sample</c>, <c>rand</c>).</summary>
    public double RandomSample()
    {
        uint a = NextUInt32() >> 5, b = NextUInt32() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary><c>rand(n)</c>: n uniform samples in [0, 1).</summary>
    public double[] Rand(int n) => Fill(n, RandomSample);

    /// <summary>A standard normal (<c>standard_normal</c>, <c>randn</c>): the polar method, whose second value is kept for the next call.</summary>
    public double StandardNormal()
    {
        if (gauss is double cached)
        {
            gauss = null;
            return cached;
        }
        double x1, x2, r2;
        do
        {
            x1 = 2.0 * RandomSample() - 1.0;
            x2 = 2.0 * RandomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.Sqrt(-2.0 * Math.Log(r2) / r2);
        gauss = f * x1;
        return f * x2;
    }

    /// <summary><c>randn(n)</c>: n standard normals.</summary>
    public double[] Randn(int n) => Fill(n, StandardNormal);

    /// <summary>A uniform integer in [0, max] by masked rejection (NumPy's <c>random_interval</c>, used by the legacy shuffle).</summary>
    public ulong Interval(ulong max)
    {
        if (max == 0) return 0;
        ulong mask = Mask(max);
        ulong value;
        if (max <= uint.MaxValue)
            do value = NextUInt32() & mask; while (value > max);
        else
            do value = NextUInt64() & mask; while (value > max);
        return value;
    }

    /// <summary><c>randint(low, high)</c>: a uniform integer in [low, high) (legacy masked rejection, 32-bit draws when the range fits).</summary>
    public long RandInt(long low, long high)
    {
        if (high <= low) throw new ArgumentException($"NumPyRandomState.RandInt: low ({low}) must be less than high ({high})");
        ulong range = (ulong)(high - 1 - low);
        if (range == 0) return low;
        if (range == uint.MaxValue) return low + NextUInt32();
        if (range == ulong.MaxValue) return low + (long)NextUInt64();
        return low + (long)Interval(range);
    }

    /// <summary><c>randint(low, high, size=n)</c>.</summary>
    public long[] RandInt(long low, long high, int n)
    {
        if (high <= low) throw new ArgumentException($"NumPyRandomState.RandInt: low ({low}) must be less than high ({high})");
        var r = new long[CheckedCount(n)];
        for (int i = 0; i < r.Length; i++) r[i] = RandInt(low, high);
        return r;
    }

    /// <summary>Shuffles in place as the legacy <c>shuffle</c> of a 1-d array: i from the end down to 1 swaps with <see cref="Interval"/>(i).</summary>
    public void Shuffle<T>(Span<T> values)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = (int)Interval((ulong)i);
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary><c>permutation(n)</c>: <c>arange(n)</c> shuffled.</summary>
    public int[] Permutation(int n)
    {
        var p = new int[CheckedCount(n)];
        for (int i = 0; i < p.Length; i++) p[i] = i;
        Shuffle<int>(p);
        return p;
    }

    private void InitGenrand(uint s)
    {
        mt[0] = s;
        for (int i = 1; i < N; i++) mt[i] = 1812433253U * (mt[i - 1] ^ (mt[i - 1] >> 30)) + (uint)i;
        pos = N;
    }

    private void Regenerate()
    {
        for (int k = 0; k < N; k++)
        {
            uint y = (mt[k] & UpperMask) | (mt[(k + 1) % N] & LowerMask);
            mt[k] = mt[(k + M) % N] ^ (y >> 1) ^ ((y & 1) != 0 ? MatrixA : 0U);
        }
        pos = 0;
    }

    private static ulong Mask(ulong max)
    {
        ulong mask = max;
        mask |= mask >> 1;
        mask |= mask >> 2;
        mask |= mask >> 4;
        mask |= mask >> 8;
        mask |= mask >> 16;
        return mask | mask >> 32;
    }

    private static int CheckedCount(int n) =>
        n >= 0 ? n : throw new ArgumentOutOfRangeException(nameof(n), n, "NumPyRandomState: the count must not be negative");

    private double[] Fill(int n, Func<double> next)
    {
        var r = new double[CheckedCount(n)];
        for (int i = 0; i < r.Length; i++) r[i] = next();
        return r;
    }
}
