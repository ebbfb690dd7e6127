namespace Nabla.Tensors;

/// <summary>
/// A seeded random number generator (xoshiro256**, seeded through SplitMix64). Its output depends only on
/// the seed, never on the .NET version, so the same seed gives the same run everywhere. A generator made by
/// <see cref="NumPy(uint)"/> draws instead from NumPy's legacy <c>RandomState</c>, so that data, weights and
/// shuffles match a NumPy (DeZero) program's bit for bit.
/// </summary>
public sealed class Generator
{
    private ulong s0, s1, s2, s3;
    private double? spareNormal;
    private readonly NumPyRandomState? numpy;

    /// <summary>Creates a generator whose whole stream is fixed by <paramref name="seed"/>.</summary>
    public Generator(long seed = 0)
    {
        Seed = seed;
        ulong x = (ulong)seed;
        s0 = SplitMix(ref x);
        s1 = SplitMix(ref x);
        s2 = SplitMix(ref x);
        s3 = SplitMix(ref x);
    }

    private Generator(NumPyRandomState state, long seed)
    {
        numpy = state;
        Seed = seed;
    }

    /// <summary>
    /// A generator whose draws are NumPy's <c>np.random.seed(seed)</c> stream: <see cref="NextDouble"/> is
    /// <c>random_sample</c>, <see cref="NextNormal"/> is <c>randn</c>, <see cref="Permutation"/> is
    /// <c>permutation</c> and <see cref="NextInt64"/> is <c>randint</c>, each taking its draws from the same state.
    /// </summary>
    public static Generator NumPy(uint seed) => new(new NumPyRandomState(seed), seed);

    /// <summary>A generator over an existing NumPy state (draws advance <paramref name="state"/>).</summary>
    public static Generator NumPy(NumPyRandomState state) =>
        new(state ?? throw new ArgumentNullException(nameof(state)), -1);

    /// <summary>The seed this generator started from (-1 for one made over an existing NumPy state).</summary>
    public long Seed { get; }

    /// <summary>Whether draws come from NumPy's legacy <c>RandomState</c> (see <see cref="NumPy(uint)"/>).</summary>
    public bool IsNumPyCompatible => numpy is not null;

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        if (numpy is not null) return numpy.NextUInt64();
        ulong result = ulong.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = ulong.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => numpy?.RandomSample() ?? (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [low, high), without modulo bias.</summary>
    public long NextInt64(long low, long high)
    {
        if (high <= low) throw new ArgumentException($"Generator.NextInt64: empty range [{low}, {high})");
        if (numpy is not null) return numpy.RandInt(low, high);
        ulong range = (ulong)(high - low);
        ulong limit = ulong.MaxValue - ulong.MaxValue % range;
        ulong r;
        do r = NextUInt64(); while (r >= limit);
        return low + (long)(r % range);
    }

    /// <summary>Standard normal (Box–Muller, both values used).</summary>
    public double NextNormal()
    {
        if (numpy is not null) return numpy.StandardNormal();
        if (spareNormal is double spare)
        {
            spareNormal = null;
            return spare;
        }
        double u1;
        do u1 = NextDouble(); while (u1 == 0.0);
        double u2 = NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        spareNormal = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A random permutation of 0..n-1 (Fisher–Yates).</summary>
    public int[] Permutation(int n)
    {
        if (numpy is not null) return numpy.Permutation(n);
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = (int)NextInt64(0, i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }

    private static ulong SplitMix(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
