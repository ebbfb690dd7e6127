using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Fast paths added for speed: unrolled 2×2 max pooling and broadcasting walks over non-contiguous operands split
/// across threads. Each is compared with a direct reference or with one thread, bit for bit.
/// </summary>
[Collection("SimdLevel")]
public class KernelFastPathTests
{
    [Theory]
    [InlineData(2, 3, 4, 4)]
    [InlineData(1, 2, 5, 7)]
    [InlineData(3, 1, 28, 28)]
    [InlineData(1, 1, 2, 2)]
    [InlineData(1, 1, 3, 3)]
    [InlineData(2, 3, 14, 14)]
    [InlineData(1, 2, 16, 19)]
    public void MaxPooling2x2_MatchesTheWindowScanWithTiesAndNaNs(int n, int c, int h, int w)
    {
        foreach (var level in Enum.GetValues<SimdLevel>())
            if (level <= Simd.Detected)
                foreach (var dtype in new[] { DType.Float64, DType.Float32 })
                {
                    var saved = Simd.Level;
                    try
                    {
                        Simd.Level = level;
                        CheckMaxPooling2x2(n, c, h, w, dtype);
                    }
                    finally
                    {
                        Simd.Level = saved;
                    }
                }
    }

    private static void CheckMaxPooling2x2(int n, int c, int h, int w, DType dtype)
    {
        var gen = new Generator(h * w);
        // Few distinct values make ties common; some NaNs test that the first NaN wins.
        var values = new double[n * c * h * w];
        for (int i = 0; i < values.Length; i++)
            values[i] = gen.NextDouble() < 0.05 ? double.NaN : Math.Floor(gen.NextDouble() * 4) - 2;
        var x = new Variable(Tensor.FromSpan<double>(values, n, c, h, w).AsType(dtype));
        var y = F.Pooling(x, 2);
        int oh = h / 2, ow = w / 2;
        Assert.Equal([n, c, oh, ow], y.Shape);
        var weights = Tensor.Arange(1, 1 + n * c * oh * ow, 1, dtype).Reshape(n, c, oh, ow);
        F.Sum(y * weights).Backward();
        var got = y.Data.ToDoubleArray();
        var grad = x.Grad!.Data.ToDoubleArray();
        var expectedGrad = new double[values.Length];
        int o = 0;
        for (int p = 0; p < n * c; p++)
            for (int i = 0; i < oh; i++)
                for (int j = 0; j < ow; j++, o++)
                {
                    int best = p * h * w + 2 * i * w + 2 * j;
                    for (int dh = 0; dh < 2; dh++)
                        for (int dw = 0; dw < 2; dw++)
                        {
                            int k = p * h * w + (2 * i + dh) * w + 2 * j + dw;
                            if (values[k] > values[best] || (double.IsNaN(values[k]) && !double.IsNaN(values[best]))) best = k;
                        }
                    Assert.Equal(BitConverter.DoubleToInt64Bits(values[best]), BitConverter.DoubleToInt64Bits(got[o]));
                    expectedGrad[best] += o + 1;
                }
        Assert.Equal(expectedGrad, grad);
    }

    [Fact]
    public void StridedBroadcasts_SameOnManyThreads()
    {
        var gen = new Generator(1);
        var image = Tensor.Randn(gen, 16, 20, 28, 28).Transpose(1, 0, 2, 3);
        var bias = Tensor.Randn(gen, 16).Reshape(1, 16, 1, 1);
        var matrix = Tensor.Randn(gen, 700, 400).T;
        var ints = Tensor.RandInt(gen, -5, 5, [500, 600]).AsType(DType.Int32).T;
        Func<Tensor>[] cases =
        [
            () => image + bias, () => image * image, () => image.Copy(), () => matrix.Contiguous(), () => matrix - matrix.Sum(0, keepDims: true),
            () => matrix.Gt(0.5), () => Tensor.Where(matrix.Gt(0.0), matrix, -matrix), () => ints * 3, () => ints.AsType(DType.Float64),
        ];
        for (int i = 0; i < cases.Length; i++)
        {
            var one = WithThreads(1, cases[i]);
            var many = WithThreads(4, cases[i]);
            Assert.Equal(one.Shape, many.Shape);
            Assert.True(Tensor.ArrayEqual(one, many), $"case {i} differs on 4 threads");
        }
        var sum = WithThreads(4, () => image + bias).ToArray<float>();
        var img = image.Contiguous().ToArray<float>();
        var b = bias.ToArray<float>();
        for (int i = 0; i < sum.Length; i += 997) Assert.Equal(img[i] + b[i / (28 * 28) % 16], sum[i]);
    }

    [Fact]
    public void StridedAssign_IntoATransposedView_SameOnManyThreads()
    {
        var source = Tensor.Randn(new Generator(2), 600, 500);
        var one = Tensor.Zeros(500, 600);
        var many = Tensor.Zeros(500, 600);
        WithThreads(1, () => { one.T.Assign(source); return 0; });
        WithThreads(4, () => { many.T.Assign(source); return 0; });
        Assert.True(Tensor.ArrayEqual(one, many));
        Assert.True(Tensor.ArrayEqual(source.T, many));
    }

    private static T WithThreads<T>(int threads, Func<T> body)
    {
        int saved = Parallelism.MaxThreads;
        try
        {
            Parallelism.MaxThreads = threads;
            return body();
        }
        finally
        {
            Parallelism.MaxThreads = saved;
        }
    }
}
