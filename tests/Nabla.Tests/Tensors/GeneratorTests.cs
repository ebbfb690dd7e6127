using FsCheck.Xunit;
using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The seeded generator and Rand/Randn/RandInt: the stream is fixed by the seed (checked against values of the
/// reference xoshiro256** seeded by SplitMix64), ranges hold, and 10k-sample statistics are roughly right.
/// The statistical bounds are five or more standard errors wide, and every seed is fixed, so nothing is flaky.
/// </summary>
public class GeneratorTests
{
    private static (double Mean, double Std) Stats(double[] v)
    {
        double mean = v.Average();
        double var = v.Select(x => (x - mean) * (x - mean)).Sum() / v.Length;
        return (mean, Math.Sqrt(var));
    }

    // ---- Generator ----

    [Fact]
    public void Stream_MatchesReferenceXoshiro256StarStar()
    {
        // Worked out from the published xoshiro256** and SplitMix64 algorithms.
        var g = new Generator(0);
        Assert.Equal(0x99ec5f36cb75f2b4UL, g.NextUInt64());
        Assert.Equal(0xbf6e1f784956452aUL, g.NextUInt64());
        Assert.Equal(0x1a5f849d4933e6e0UL, g.NextUInt64());
        var h = new Generator(42);
        Assert.Equal(0x15780b2e0c2ec716UL, h.NextUInt64());
        Assert.Equal(0x6104d9866d113a7eUL, h.NextUInt64());
        Assert.Equal(0x8f5520d52a7ead08UL, new Generator(-1).NextUInt64());
        Assert.Equal(0.08386297105988216, new Generator(42).NextDouble());
    }

    [Fact]
    public void Seed_IsKept()
    {
        Assert.Equal(123L, new Generator(123).Seed);
        Assert.Equal(0L, new Generator().Seed);
    }

    [Property]
    public bool SameSeed_SameStream(long seed)
    {
        var a = new Generator(seed);
        var b = new Generator(seed);
        for (int i = 0; i < 20; i++)
            if (a.NextUInt64() != b.NextUInt64()) return false;
        return a.NextNormal() == b.NextNormal() && a.NextInt64(-5, 1000) == b.NextInt64(-5, 1000);
    }

    [Property]
    public bool DifferentSeeds_DifferentStreams(long seed)
    {
        var a = new Generator(seed);
        var b = new Generator(seed + 1);
        return Enumerable.Range(0, 4).Any(_ => a.NextUInt64() != b.NextUInt64());
    }

    [Fact]
    public void NextDouble_IsInUnitInterval()
    {
        var g = new Generator(7);
        var v = Enumerable.Range(0, 10000).Select(_ => g.NextDouble()).ToArray();
        Assert.All(v, x => Assert.InRange(x, 0.0, Math.BitDecrement(1.0)));
        var (mean, std) = Stats(v);
        Assert.InRange(mean, 0.48, 0.52);
        Assert.InRange(std, Math.Sqrt(1.0 / 12) - 0.01, Math.Sqrt(1.0 / 12) + 0.01);
    }

    [Fact]
    public void NextInt64_CoversTheRangeEvenly()
    {
        var g = new Generator(11);
        var counts = new int[7];
        for (int i = 0; i < 7000; i++)
        {
            long k = g.NextInt64(-3, 4);
            Assert.InRange(k, -3, 3);
            counts[k + 3]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
        Assert.Equal(5L, g.NextInt64(5, 6));
        long big = g.NextInt64(long.MinValue / 2, long.MaxValue / 2);
        Assert.InRange(big, long.MinValue / 2, long.MaxValue / 2 - 1);
    }

    [Fact]
    public void NextInt64_EmptyRange_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new Generator(1).NextInt64(5, 5));
        Assert.Contains("NextInt64", ex.Message);
        Assert.Contains("[5, 5)", ex.Message);
        Assert.Throws<ArgumentException>(() => new Generator(1).NextInt64(5, 4));
    }

    [Fact]
    public void NextNormal_IsStandardNormal()
    {
        var g = new Generator(3);
        var v = Enumerable.Range(0, 10000).Select(_ => g.NextNormal()).ToArray();
        var (mean, std) = Stats(v);
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(std, 0.95, 1.05);
        Assert.All(v, x => Assert.True(double.IsFinite(x)));
        // about 68% within one standard deviation
        double within = v.Count(x => Math.Abs(x) < 1) / (double)v.Length;
        Assert.InRange(within, 0.65, 0.72);
    }

    [Fact]
    public void Permutation_IsAPermutation()
    {
        var p = new Generator(5).Permutation(50);
        Assert.Equal(Enumerable.Range(0, 50), p.Order());
        Assert.NotEqual(Enumerable.Range(0, 50), p);
        Assert.Equal(p, new Generator(5).Permutation(50));
        Assert.NotEqual(p, new Generator(6).Permutation(50));
        Assert.Empty(new Generator(5).Permutation(0));
        Assert.Equal([0], new Generator(5).Permutation(1));
    }

    // ---- Rand ----

    [Fact]
    public void Rand_SameSeed_SameValues()
    {
        var a = Tensor.Rand(new Generator(42), 3, 4);
        var b = Tensor.Rand(new Generator(42), 3, 4);
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal([3, 4], a.Shape);
        Assert.Equal(a.ToArray<float>(), b.ToArray<float>());
        Assert.NotEqual(a.ToArray<float>(), Tensor.Rand(new Generator(43), 3, 4).ToArray<float>());
    }

    [Fact]
    public void Rand_AdvancesTheGenerator()
    {
        var g = new Generator(9);
        var first = Tensor.Rand(g, DType.Float64, 3).ToArray<double>();
        var second = Tensor.Rand(g, DType.Float64, 3).ToArray<double>();
        Assert.NotEqual(first, second);
        // one draw of six is the two draws of three in a row
        Assert.Equal(first.Concat(second), Tensor.Rand(new Generator(9), DType.Float64, 6).ToArray<double>());
    }

    [Fact]
    public void Rand_Float64_IsTheGeneratorsNextDouble()
    {
        var g = new Generator(42);
        var expected = Enumerable.Range(0, 5).Select(_ => g.NextDouble()).ToArray();
        Assert.Equal(expected, Tensor.Rand(new Generator(42), DType.Float64, 5).ToArray<double>());
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Rand_RangeAndMoments(DType dtype)
    {
        var r = Tensor.Rand(new Generator(1), dtype, 100, 100);
        Assert.Equal(dtype, r.DType);
        var v = r.ToDoubleArray();
        Assert.All(v, x => Assert.True(x >= 0 && x < 1, $"{x} is outside [0, 1)"));
        var (mean, std) = Stats(v);
        Assert.InRange(mean, 0.48, 0.52);
        Assert.InRange(std, Math.Sqrt(1.0 / 12) - 0.01, Math.Sqrt(1.0 / 12) + 0.01);
    }

    [Fact]
    public void Rand_Float32_ValuesAreExactSo_NoneRoundsUpToOne()
    {
        // A 53-bit double just below 1 rounds to 1.0f; float32 samples must come from 24 bits (as NumPy's do).
        var v = Tensor.Rand(new Generator(2), DType.Float32, 10000).ToArray<float>();
        Assert.All(v, x => Assert.Equal(Math.Floor(x * 16777216.0), x * 16777216.0));
    }

    [Fact]
    public void Rand_EmptyAndScalarShapes()
    {
        Assert.Equal([0, 3], Tensor.Rand(new Generator(1), 0, 3).Shape);
        var s = Tensor.Rand(new Generator(1));
        Assert.Equal(0, s.NDim);
        Assert.InRange(s.Item(), 0, 1);
    }

    [Fact]
    public void Rand_Errors()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Rand(new Generator(1), DType.Int32, 2));
        Assert.Contains("Rand", ex.Message);
        Assert.Contains("int32", ex.Message);
        var neg = Assert.Throws<ArgumentException>(() => Tensor.Rand(new Generator(1), 2, -1));
        Assert.Contains("Rand", neg.Message);
        Assert.Contains("(2,-1)", neg.Message);
        Assert.Throws<ArgumentNullException>(() => Tensor.Rand(null!, 2));
    }

    // ---- Randn ----

    [Fact]
    public void Randn_SameSeed_SameValues()
    {
        var a = Tensor.Randn(new Generator(5), 2, 5);
        Assert.Equal(DType.Float32, a.DType);
        Assert.Equal(a.ToArray<float>(), Tensor.Randn(new Generator(5), 2, 5).ToArray<float>());
        Assert.NotEqual(a.ToArray<float>(), Tensor.Randn(new Generator(6), 2, 5).ToArray<float>());
    }

    [Theory]
    [InlineData(DType.Float32)]
    [InlineData(DType.Float64)]
    public void Randn_Moments(DType dtype)
    {
        var r = Tensor.Randn(new Generator(8), dtype, 10000);
        Assert.Equal(dtype, r.DType);
        var (mean, std) = Stats(r.ToDoubleArray());
        Assert.InRange(mean, -0.05, 0.05);
        Assert.InRange(std, 0.95, 1.05);
    }

    [Fact]
    public void Randn_Errors()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.Randn(new Generator(1), DType.Bool, 2));
        Assert.Contains("Randn", ex.Message);
        Assert.Contains("bool", ex.Message);
        Assert.Contains("Randn", Assert.Throws<ArgumentException>(() => Tensor.Randn(new Generator(1), -3)).Message);
        Assert.Throws<ArgumentNullException>(() => Tensor.Randn(null!, 2));
    }

    // ---- RandInt ----

    [Fact]
    public void RandInt_SameSeed_SameValues()
    {
        var a = Tensor.RandInt(new Generator(4), 0, 100, [20]);
        Assert.Equal(DType.Int64, a.DType);
        Assert.Equal(a.ToArray<long>(), Tensor.RandInt(new Generator(4), 0, 100, [20]).ToArray<long>());
        Assert.NotEqual(a.ToArray<long>(), Tensor.RandInt(new Generator(40), 0, 100, [20]).ToArray<long>());
    }

    [Fact]
    public void RandInt_RangeAndMoments()
    {
        var r = Tensor.RandInt(new Generator(12), -3, 4, [100, 100]);
        Assert.Equal([100, 100], r.Shape);
        var v = r.ToArray<long>();
        Assert.All(v, x => Assert.InRange(x, -3, 3));
        for (long k = -3; k <= 3; k++)
            Assert.InRange(v.Count(x => x == k), 1200, 1660);
        var (mean, std) = Stats(v.Select(x => (double)x).ToArray());
        Assert.InRange(mean, -0.1, 0.1);
        Assert.InRange(std, 1.9, 2.1);
    }

    [Fact]
    public void RandInt_DTypeAndShapes()
    {
        var r = Tensor.RandInt(new Generator(3), 5, 6, [2, 2], DType.Int32);
        Assert.Equal(DType.Int32, r.DType);
        Assert.Equal([5, 5, 5, 5], r.ToArray<int>());
        Assert.Equal([0], Tensor.RandInt(new Generator(3), 0, 2, [0]).Shape);
        Assert.Equal(0, Tensor.RandInt(new Generator(3), 0, 2, []).NDim);
        var f = Tensor.RandInt(new Generator(3), 0, 10, [50], DType.Float64);
        Assert.All(f.ToArray<double>(), x => Assert.Equal(Math.Floor(x), x));
    }

    [Fact]
    public void RandInt_Errors()
    {
        var ex = Assert.Throws<ArgumentException>(() => Tensor.RandInt(new Generator(1), 5, 5, [2]));
        Assert.Contains("RandInt", ex.Message);
        Assert.Contains("low (5)", ex.Message);
        Assert.Contains("high (5)", ex.Message);
        var neg = Assert.Throws<ArgumentException>(() => Tensor.RandInt(new Generator(1), 0, 5, [-2]));
        Assert.Contains("RandInt", neg.Message);
        Assert.Contains("(-2,)", neg.Message);
        Assert.Throws<ArgumentNullException>(() => Tensor.RandInt(null!, 0, 5, [2]));
    }
}
