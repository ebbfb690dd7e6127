using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Tests.Data;

/// <summary>
/// Data sets and initial weights drawn from NumPy's legacy stream equal DeZero's bit for bit. The expected values
/// were printed by DeZero's own <c>get_spiral</c>, <c>SinCurve</c> recipe and <c>Linear._init_W</c> under Debian's
/// NumPy 1.24.2 (float32 values widened to double by <c>float()</c>, so equality is exact).
/// </summary>
public class NumPyCompatibleDataTests
{
    [Fact]
    public void Spiral_NumPyCompatible_IsDeZerosGetSpiral()
    {
        var (x, t) = Spiral.Generate(train: true, numpyCompatible: true);
        var xs = x.AsType(DType.Float64).ToArray<double>();
        Assert.Equal([-0.1398138850927353, -0.007216573692858219, 0.37049391865730286, 0.5820947289466858], xs[..4]);
        Assert.Equal([0.025064952671527863, 0.07597202062606812], xs[^2..]);
        Assert.Equal([1L, 1, 2, 0, 1, 2, 0, 0, 1, 2, 1, 1], t.ToArray<long>()[..12]);
        var test = new Spiral(train: false, numpyCompatible: true);
        Assert.Equal([0.13246452808380127, 0.13620993494987488], test.Data.AsType(DType.Float64).ToArray<double>()[..2]);
        Assert.Equal([0L, 1, 0, 1, 2], test.Labels.ToArray<long>()[..5]);
    }

    [Fact]
    public void Spiral_ContinuesTheStream_AsStep48Does()
    {
        // get_spiral(); np.random.permutation(300); np.random.randn(2, 10).astype(np.float32) * np.sqrt(1 / 2)
        var rng = Generator.NumPy(1984);
        Spiral.Generate(rng);
        Assert.Equal([187, 212, 61, 57, 49], rng.Permutation(300)[..5]);
        var layer = new Linear(10, gen: rng);
        layer.Forward(new Variable(Tensor.Zeros(DType.Float32, 1, 2)));
        Assert.Equal(DType.Float32, layer.W.DType);
        Assert.Equal([-0.45561280846595764, -0.5056827664375305, -0.3802530765533447, 0.3035898208618164],
            layer.W.Data.AsType(DType.Float64).ToArray<double>()[..4]);
    }

    [Fact]
    public void SinCurve_NumPyCompatible_IsDeZerosNoise()
    {
        // np.random.seed(0); y = np.sin(np.linspace(0, 2*np.pi, 1000)) + np.random.uniform(-0.05, 0.05, 1000)
        var data = new SinCurve(train: true, seed: 0, numpyCompatible: true);
        var y = data.Data.ToArray<double>();
        Assert.Equal(0.004881350392732478, y[0]);
        Assert.Equal(0.027808369953309695, y[1]);
        Assert.Equal(0.02285495544590544, y[2]);
        Assert.Equal(-0.022106649609754857, y[500], 15);
        Assert.Equal(0.01771411441114217, data.Labels.ToArray<double>()[^1], 15);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SinCurve(seed: -1, numpyCompatible: true));
    }
}
