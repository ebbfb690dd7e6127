using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors.Kernels;

/// <summary>
/// The pooling kernels against the definitions written out naively, bit for bit: windows clipped to the image,
/// padding ignored by max and counted as zeros by the average, over strides, paddings and odd sizes.
/// </summary>
public class PoolTests
{
    public static TheoryData<int, int, int, int, int, int> Geometries() => new()
    {
        { 5, 7, 3, 1, 1, 0 }, { 6, 6, 2, 2, 0, 0 }, { 7, 5, 3, 2, 1, 1 }, { 4, 9, 2, 3, 0, 1 }, { 8, 8, 4, 3, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(Geometries))]
    public void Max_Average_and_its_adjoint_match_the_definitions(int h, int w, int k, int s, int p, int q)
    {
        var g = new ConvGeometry(2, 3, h, w, k, k + q, s, s, p, p + q);
        var x = Tensor.Randn(new Generator(h * w + k), DType.Float64, 2, 3, h, w);
        var xs = x.ToArray<double>();
        xs[7] = double.NaN;
        x = Tensor.FromSpan<double>(xs, 2, 3, h, w);
        var gy = Tensor.Randn(new Generator(k), DType.Float64, 2, 3, g.OH, g.OW);
        var gys = gy.ToArray<double>();

        var y = Pool.Max(x, g, out var idx);
        var avg = Pool.Average(x, g);
        var adj = Pool.AverageAdjoint(gy, g);
        var (ey, eidx, eavg, eadj) = Reference(xs, gys, g);
        Assert.Equal(eidx, idx);
        Assert.Equal(Bits(ey), Bits(y.ToArray<double>()));
        Assert.Equal(Bits(eavg), Bits(avg.ToArray<double>()));
        Assert.Equal(Bits(eadj), Bits(adj.ToArray<double>()));
    }

    private static long[] Bits(double[] a) => [.. a.Select(BitConverter.DoubleToInt64Bits)];

    private static (double[] Max, int[] Index, double[] Average, double[] Adjoint) Reference(double[] x, double[] gy, ConvGeometry g)
    {
        var (max, index, avg, adj) = (new double[gy.Length], new int[gy.Length], new double[gy.Length], new double[x.Length]);
        double area = g.KH * g.KW;
        for (int plane = 0, o = 0; plane < g.N * g.C; plane++)
            for (int i = 0; i < g.OH; i++)
                for (int j = 0; j < g.OW; j++, o++)
                {
                    int best = -1;
                    double sum = 0, share = gy[o] / area;
                    for (int a = i * g.SH - g.PH; a < i * g.SH - g.PH + g.KH; a++)
                        for (int b = j * g.SW - g.PW; b < j * g.SW - g.PW + g.KW; b++)
                        {
                            if (a < 0 || b < 0 || a >= g.H || b >= g.W) continue;
                            int at = (plane * g.H + a) * g.W + b;
                            sum += x[at];
                            adj[at] += share;
                            if (best < 0 || x[at] > x[best] || (double.IsNaN(x[at]) && !double.IsNaN(x[best]))) best = at;
                        }
                    (max[o], index[o], avg[o]) = (x[best], best, sum / area);
                }
        return (max, index, avg, adj);
    }
}
