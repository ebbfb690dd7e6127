using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Products of one or two rows skip packing (the RNN step x·W, and gy·Wᵀ in its backward). Each element of such a row must be bitwise what
/// the packed path gives for the same row inside a taller product: checked at every SIMD level, across k-block
/// boundaries, odd widths, transposed A and B, padded strides and accumulation into C.
/// </summary>
[Collection("SimdLevel")]
public class GemmSmallRowsTests
{
    [Theory]
    [MemberData(nameof(SimdLevels.Supported), MemberType = typeof(SimdLevels))]
    public void OneAndTwoRows_MatchTheSameRowsOfATallProduct(SimdLevel level)
    {
        foreach (int k in new[] { 1, 3, 100, 511, 513, 1100 })
            foreach (int n in new[] { 1, 5, 16, 17, 33, 400 })
                foreach (bool transA in new[] { false, true })
                    foreach (bool transB in new[] { false, true })
                        foreach (bool accumulate in new[] { false, true })
                        {
                            Check<float>(level, 13, k, n, transA, transB, accumulate);
                            Check<double>(level, 13, k, n, transA, transB, accumulate);
                        }
    }

    private static void Check<T>(SimdLevel level, int tall, int k, int n, bool transA, bool transB, bool accumulate) where T : unmanaged, INumber<T>
    {
        var gen = new Generator(k * 1000 + n);
        T Draw() => T.CreateTruncating(gen.NextNormal());
        int lda = (transA ? tall : k) + 3, ldb = (transB ? k : n) + 2, ldc = n + 1;
        var a = Enumerable.Range(0, (transA ? k : tall) * lda).Select(_ => Draw()).ToArray();
        var b = Enumerable.Range(0, (transB ? n : k) * ldb).Select(_ => Draw()).ToArray();
        var c0 = Enumerable.Range(0, tall * ldc).Select(_ => Draw()).ToArray();
        var reference = (T[])c0.Clone();
        var saved = Simd.Level;
        try
        {
            Simd.Level = level;
            Gemm.Multiply<T>(tall, n, k, a, lda, transA, b, ldb, transB, reference, ldc, accumulate);
            foreach (int rows in new[] { 1, 2 })
            {
                // The first `rows` rows of A alone: for transposed A the columns 0..rows-1 of the stored k×m matrix.
                var c = (T[])c0.Clone();
                Gemm.Multiply<T>(rows, n, k, a, lda, transA, b, ldb, transB, c, ldc, accumulate);
                for (int i = 0; i < rows; i++)
                    for (int j = 0; j < n; j++)
                        Assert.True(reference[i * ldc + j].Equals(c[i * ldc + j]),
                            $"{typeof(T).Name} level {level} k={k} n={n} transA={transA} transB={transB} accumulate={accumulate} rows={rows}: C[{i},{j}] {c[i * ldc + j]} vs {reference[i * ldc + j]}");
                // Past the last column of each row, C is untouched.
                Assert.Equal(c0[n], c[n]);
            }
        }
        finally
        {
            Simd.Level = saved;
        }
    }
}
