using Nabla.Tensors.Kernels;
using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests.NN;

/// <summary>Adam's update and weight decay in vectors (every SIMD level) and split across threads gives the scalar formula's values bit for bit.</summary>
[Collection("SimdLevel")]
public class VectorAdamTests
{
    [Theory]
    [MemberData(nameof(SimdLevels.Supported), MemberType = typeof(SimdLevels))]
    public void Step_EveryWidthMatchesTheScalarFormula(SimdLevel level)
    {
        foreach (int n in new[] { 1, 3, 17, 255, 1023, 100003 })
        {
            Check<float>(n, level, 0.9f, 0.999f, 0.00123f, 1.0005f, 1e-8f);
            Check<double>(n, level, 0.9, 0.999, 0.00123, 1.0005, 1e-8);
        }
    }

    private static void Check<T>(int n, SimdLevel level, T b1, T b2, T step, T denom, T eps) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var gen = new Generator(n);
        T[] Draw(bool positive) => Enumerable.Range(0, n).Select(_ => T.CreateTruncating(positive ? Math.Abs(gen.NextNormal()) : gen.NextNormal())).ToArray();
        var (p, g, m, v) = (Draw(false), Draw(false), Draw(false), Draw(true));
        var (pe, me, ve) = ((T[])p.Clone(), (T[])m.Clone(), (T[])v.Clone());
        for (int i = 0; i < n; i++)
        {
            me[i] = b1 * me[i] + (T.One - b1) * g[i];
            ve[i] = b2 * ve[i] + (T.One - b2) * g[i] * g[i];
            pe[i] -= step * me[i] / (T.Sqrt(ve[i]) * denom + eps);
        }
        Updates.Adam<T>(p, g, m, v, b1, b2, step, denom, eps, level);
        Assert.Equal(me, m);
        Assert.Equal(ve, v);
        Assert.Equal(pe, p);
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Supported), MemberType = typeof(SimdLevels))]
    public void WeightDecay_EveryWidthMatchesTheScalarFormula(SimdLevel level)
    {
        SimdLevels.With(level, () =>
        {
            foreach (int n in new[] { 1, 3, 17, 255, 1023, 100003 })
            {
                var gen = new Generator(n);
                var p = Enumerable.Range(0, n).Select(_ => (float)gen.NextNormal()).ToArray();
                var g = Enumerable.Range(0, n).Select(_ => (float)gen.NextNormal()).ToArray();
                var expected = g.Select((v, i) => v + 1.3e-4f * p[i]).ToArray();
                Updates.AddScaled<float>(g, p, 1.3e-4f);
                Assert.Equal(expected, g);
                var pd = p.Select(v => (double)v).ToArray();
                var gd = g.Select(v => (double)v * 3).ToArray();
                var expectedD = gd.Select((v, i) => v + 0.01 * pd[i]).ToArray();
                Updates.AddScaled<double>(gd, pd, 0.01);
                Assert.Equal(expectedD, gd);
            }
        });
    }

    [Fact]
    public void Update_SameOnManyThreads()
    {
        Tensor[] Train(int threads, SimdLevel level)
        {
            int savedThreads = Parallelism.MaxThreads;
            var savedLevel = Simd.Level;
            try
            {
                Parallelism.MaxThreads = threads;
                Simd.Level = level;
                var model = new Nabla.NN.Linear(700, inSize: 500, gen: new Generator(5));
                var x = Tensor.Randn(new Generator(3), 4, 500);
                var optimizer = new Adam(0.01).Setup(model);
                for (int step = 0; step < 3; step++)
                {
                    model.ClearGrads();
                    F.Sum(F.Tanh(model.Forward(x))).Backward();
                    optimizer.Update();
                }
                return [.. model.Parameters().Select(p => p.Data.Copy())];
            }
            finally
            {
                Parallelism.MaxThreads = savedThreads;
                Simd.Level = savedLevel;
            }
        }
        // The level stays fixed: the matrix products' rounding depends on it (Step's own widths are checked above).
        var reference = Train(1, Simd.Detected);
        foreach (int threads in new[] { 2, 4 })
        {
            var got = Train(threads, Simd.Detected);
            for (int i = 0; i < reference.Length; i++)
                Assert.Equal(reference[i].ToArray<float>(), got[i].ToArray<float>());
        }
    }
}
