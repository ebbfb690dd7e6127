using System.Numerics;
using System.Runtime.InteropServices;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors.Kernels;

/// <summary>
/// Every optimizer kernel at every SIMD level gives its scalar formula's values bit for bit, for every length up to
/// 67 (each vector width, its tail, and the narrower widths after it) and one long enough to run them all.
/// </summary>
[Collection("SimdLevel")]
public class UpdatesTests
{
    private static readonly int[] Lengths = [.. Enumerable.Range(1, 67), 1000, 4099];

    [Theory]
    [MemberData(nameof(SimdLevels.Supported), MemberType = typeof(SimdLevels))]
    public void EveryRuleMatchesItsScalarFormula(SimdLevel level) => SimdLevels.With(level, () =>
    {
        foreach (int n in Lengths)
        {
            Check<float>(n, level);
            Check<double>(n, level);
        }
    });

    [Fact]
    public void A_short_state_is_refused_before_anything_is_written()
    {
        var (p, g) = (new float[20], new float[20]);
        p[0] = 1;
        var e = Assert.Throws<ArgumentException>(() => Updates.Momentum<float>(p, g, new float[19], 0.1f, 0.9f));
        Assert.Contains("Momentum", e.Message);
        Assert.Throws<ArgumentException>(() => Updates.Adam<float>(p, new float[3], new float[20], new float[20], 0.9f, 0.999f, 0.1f, 1, 1e-8f, Simd.Level));
        Assert.Equal(1, p[0]);
    }

    private static void Check<T>(int n, SimdLevel level) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var gen = new Generator(n);
        T[] Draw(bool positive) => [.. Enumerable.Range(0, n).Select(_ => T.CreateTruncating(positive ? Math.Abs(gen.NextNormal()) : gen.NextNormal()))];
        var (p, g, s1, s2) = (Draw(false), Draw(false), Draw(true), Draw(true));
        var (lr, mom, eps) = (T.CreateTruncating(0.0123), T.CreateTruncating(0.9), T.CreateTruncating(1e-7));
        T one = T.One;
        string at = $"n={n} {typeof(T).Name} {level}";

        Same(at + " Sgd", [p, g], a => Updates.Sgd<T>(a[0], a[1], lr), (a, i) => a[0][i] -= lr * a[1][i]);
        Same(at + " Momentum", [p, g, s1], a => Updates.Momentum<T>(a[0], a[1], a[2], lr, mom), (a, i) =>
        {
            a[2][i] = mom * a[2][i] - lr * a[1][i];
            a[0][i] += a[2][i];
        });
        Same(at + " AdaGrad", [p, g, s1], a => Updates.AdaGrad<T>(a[0], a[1], a[2], lr, eps), (a, i) =>
        {
            a[2][i] += a[1][i] * a[1][i];
            a[0][i] -= lr * a[1][i] / (T.Sqrt(a[2][i]) + eps);
        });
        Same(at + " AdaDelta", [p, g, s1, s2], a => Updates.AdaDelta<T>(a[0], a[1], a[2], a[3], mom, eps), (a, i) =>
        {
            a[2][i] = mom * a[2][i] + (one - mom) * a[1][i] * a[1][i];
            var dx = T.Sqrt((a[3][i] + eps) / (a[2][i] + eps)) * a[1][i];
            a[3][i] = mom * a[3][i] + (one - mom) * dx * dx;
            a[0][i] -= dx;
        });
        var (b2, denom) = (T.CreateTruncating(0.999), T.CreateTruncating(1.0005));
        Same(at + " Adam", [p, g, s1, s2], a => Updates.Adam<T>(a[0], a[1], a[2], a[3], mom, b2, lr, denom, eps, level), (a, i) =>
        {
            a[2][i] = mom * a[2][i] + (one - mom) * a[1][i];
            a[3][i] = b2 * a[3][i] + (one - b2) * a[1][i] * a[1][i];
            a[0][i] -= lr * a[2][i] / (T.Sqrt(a[3][i]) * denom + eps);
        });
        Same(at + " Scale", [g], a => Updates.Scale<T>(a[0], lr), (a, i) => a[0][i] *= lr);
        Same(at + " AddScaled", [g, p], a => Updates.AddScaled<T>(a[0], a[1], lr), (a, i) => a[0][i] += lr * a[1][i]);
    }

    /// <summary>The kernel on copies of <paramref name="arrays"/> against the formula, element by element, on other copies.</summary>
    private static void Same<T>(string what, T[][] arrays, Action<T[][]> kernel, Action<T[][], int> formula) where T : unmanaged
    {
        var got = arrays.Select(a => (T[])a.Clone()).ToArray();
        var expected = arrays.Select(a => (T[])a.Clone()).ToArray();
        kernel(got);
        for (int i = 0; i < expected[0].Length; i++) formula(expected, i);
        for (int k = 0; k < got.Length; k++)
            Assert.True(MemoryMarshal.AsBytes(expected[k].AsSpan()).SequenceEqual(MemoryMarshal.AsBytes(got[k].AsSpan())), $"{what}: array {k} differs");
    }
}
