using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// NumPy's legacy RandomState reproduced bit for bit. The expected streams are NumPy's own: the first is the
/// published <c>seed(0); rand(3)</c>, the others were printed by Debian's NumPy 1.24.2 (<c>repr</c> of each value)
/// and are exact, so every comparison is equality.
/// </summary>
public class NumPyRandomStateTests
{
    [Fact]
    public void Rand_Seed0_IsNumPysPublishedStream()
    {
        var r = new NumPyRandomState(0);
        Assert.Equal([0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969, 0.4236547993389047], r.Rand(5));
    }

    [Fact]
    public void NextUInt32_Seed0_IsMt19937InitGenrand()
    {
        // np.random.seed(0); np.random.randint(0, 2**32, 3, dtype=np.uint64): the raw 32-bit words.
        var r = new NumPyRandomState(0);
        Assert.Equal([2357136044U, 2546248239U, 3071714933U], new[] { r.NextUInt32(), r.NextUInt32(), r.NextUInt32() });
        Assert.Equal(2357136044L, new NumPyRandomState(0).RandInt(0, 1L << 32));
    }

    [Fact]
    public void Randn_Seed1984_IsNumPysPolarStream()
    {
        var r = new NumPyRandomState(1984);
        Assert.Equal([-0.026902226847232345, -0.6892736860726052, 0.896138438007482, -0.6643423298764116,
            1.0213865815291805, -0.9058030197748153, 0.7252323182597445], r.Randn(7));
    }

    [Fact]
    public void CachedNormal_SurvivesUniformDraws()
    {
        // seed(42); randn(); rand(); randn(): the second normal is the cached one, not drawn after rand().
        var r = new NumPyRandomState(42);
        Assert.Equal(0.4967141530112327, r.StandardNormal());
        Assert.Equal(0.7319939418114051, r.RandomSample());
        Assert.Equal(-0.13826430117118466, r.StandardNormal());
    }

    [Fact]
    public void Seed_ResetsTheCachedNormal()
    {
        var r = new NumPyRandomState(1984);
        r.StandardNormal();
        r.Seed(1984);
        Assert.Equal(-0.026902226847232345, r.StandardNormal());
    }

    [Fact]
    public void Permutation_And_Shuffle_AreLegacyShuffles()
    {
        Assert.Equal([7, 2, 9, 1, 0, 8, 4, 5, 6, 3], new NumPyRandomState(1234).Permutation(10));
        long[] x = [0, 1, 2, 3, 4, 5];
        new NumPyRandomState(5).Shuffle<long>(x);
        Assert.Equal([5L, 2, 4, 1, 0, 3], x);
        Assert.Empty(new NumPyRandomState(5).Permutation(0));
    }

    [Fact]
    public void RandInt_SmallLargeAnd64BitRanges()
    {
        // seed(7); randint(0,10,8); randint(-5,1000000,4); randint(0,2**40,3): one stream.
        var r = new NumPyRandomState(7);
        Assert.Equal([4L, 9, 6, 3, 3, 7, 7, 9], r.RandInt(0, 10, 8));
        Assert.Equal([712073L, 854546, 618051, 315732], r.RandInt(-5, 1000000, 4));
        Assert.Equal([474247592490L, 936371205000, 719526270950], r.RandInt(0, 1L << 40, 3));
    }

    [Fact]
    public void ArraySeed_IsInitByArray()
    {
        Assert.Equal([0.6098612722867289, 0.8866970434146851, 0.47633673750662764], new NumPyRandomState([1U, 2U, 3U]).Rand(3));
    }

    [Fact]
    public void Stream_CrossesTheStateRegeneration_AndTheLargestSeed()
    {
        var r = new NumPyRandomState(3);
        r.Rand(700); // 1400 words: past two regenerations of the 624-word state
        Assert.Equal([0.18629319117139354, 0.049364733418657325], r.Rand(2));
        Assert.Equal([0.0976320289940138, 0.9123828453026218], new NumPyRandomState(uint.MaxValue).Rand(2));
    }

    [Fact]
    public void BadArguments_NameTheOperation()
    {
        var r = new NumPyRandomState(0);
        Assert.Contains("RandInt", Assert.Throws<ArgumentException>(() => r.RandInt(3, 3)).Message);
        Assert.Contains("count", Assert.Throws<ArgumentOutOfRangeException>(() => r.Rand(-1)).Message);
        Assert.Throws<ArgumentException>(() => new NumPyRandomState(Array.Empty<uint>()));
    }

    [Fact]
    public void Generator_NumPy_DrivesTensorSampling()
    {
        // Tensor.Randn fills in C order from the same stream: np.random.seed(1984); np.random.randn(7).
        var g = Generator.NumPy(1984);
        Assert.True(g.IsNumPyCompatible);
        var t = Tensor.Randn(g, DType.Float64, 7).ToArray<double>();
        Assert.Equal(new NumPyRandomState(1984).Randn(7), t);
        Assert.Equal(new NumPyRandomState(0).Rand(3), Tensor.Rand(Generator.NumPy(0), DType.Float64, 3).ToArray<double>());
        Assert.Equal([7, 2, 9, 1, 0, 8, 4, 5, 6, 3], Generator.NumPy(1234).Permutation(10));
        Assert.Equal([4L, 9, 6], Tensor.RandInt(Generator.NumPy(7), 0, 10, [3]).ToArray<long>());
        Assert.False(new Generator(0).IsNumPyCompatible);
    }
}
