using System.Numerics;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Gemm.Multiply against a naive double-precision triple loop: every shape, transposition, stride padding,
/// accumulate flag, element type and every SIMD level this CPU supports.
/// </summary>
[Collection("SimdLevel")]
public class GemmTests
{
    /// <summary>The SIMD levels this machine can run, lowest first (levels above Detected are not exercised).</summary>
    private static IEnumerable<SimdLevel> Levels() =>
        Enum.GetValues<SimdLevel>().Where(l => l <= Simd.Detected).OrderBy(l => l);

    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 1, 7, 3 }, { 5, 1, 9 }, { 7, 13, 5 }, { 12, 32, 16 }, { 13, 33, 17 },
        { 17, 33, 65 }, { 6, 16, 257 }, { 25, 49, 1 }, { 64, 64, 64 }, { 9, 40, 600 }, { 129, 257, 300 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesReference_Float(int m, int n, int k) => AllVariants<float>(m, n, k);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesReference_Double(int m, int n, int k) => AllVariants<double>(m, n, k);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatchesReference_Int(int m, int n, int k) => AllVariants<int>(m, n, k);

    /// <summary>The performance issue's odd sizes (1, 3, 17, 255, 1023) on every axis, each product kept small enough for the naive loop.</summary>
    public static TheoryData<int, int, int> OddSizes => new()
    {
        { 1023, 17, 3 }, { 3, 1023, 17 }, { 17, 3, 1023 }, { 255, 255, 17 }, { 1, 1023, 255 }, { 255, 1, 1023 }, { 1023, 255, 1 },
    };

    [Theory]
    [MemberData(nameof(OddSizes))]
    public void OddSizes_Float(int m, int n, int k) => AllVariants<float>(m, n, k);

    [Theory]
    [MemberData(nameof(OddSizes))]
    public void OddSizes_Double(int m, int n, int k) => AllVariants<double>(m, n, k, transposes: [(false, false), (true, true)]);

    [Fact]
    public void MatchesReference_Long() => AllVariants<long>(9, 11, 7);

    /// <summary>Above the threshold the product is split over workers; 300³ takes that path on any multi-core machine.</summary>
    [Fact]
    public void Large_ParallelPath_Float() => AllVariants<float>(300, 300, 300, transposes: [(false, false), (true, true)]);

    [Fact]
    public void Large_ParallelPath_Double() => AllVariants<double>(300, 300, 300, transposes: [(false, true), (true, false)]);

    /// <summary>Uneven worker slices, split by rows (m ≥ n) and by columns (n &gt; m), with more workers than cores.</summary>
    [Theory]
    [InlineData(200, 100, 70)]
    [InlineData(40, 500, 100)]
    [InlineData(97, 101, 103)]
    public void ParallelSplits_AreCorrect(int m, int n, int k)
    {
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 3;
            AllVariants<float>(m, n, k);
            AllVariants<double>(m, n, k, transposes: [(true, true)]);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    /// <summary>
    /// Single-threaded shapes that need several m-blocks (mc), n-blocks (nc) and, for double, k-blocks (kc) of the
    /// blocked loop with the block sizes in Gemm (kc = 512 floats / 256 doubles, mc ≈ 512 KiB / kc, nc ≈ 4 MiB / kc).
    /// </summary>
    [Theory]
    [InlineData(800, 8, 300)]
    [InlineData(5, 4200, 256)]
    public void SeveralCacheBlocks_AreCorrect(int m, int n, int k)
    {
        int saved = Gemm.MaxThreads;
        try
        {
            Gemm.MaxThreads = 1;
            AllVariants<float>(m, n, k, transposes: [(false, false), (true, true)], pads: [false]);
            AllVariants<double>(m, n, k, transposes: [(true, false), (false, true)], pads: [true]);
        }
        finally
        {
            Gemm.MaxThreads = saved;
        }
    }

    [Theory]
    [InlineData(0, 5, 3)]
    [InlineData(4, 0, 3)]
    [InlineData(4, 5, 0)]
    [InlineData(0, 0, 0)]
    public void EmptyDimensions(int m, int n, int k)
    {
        AllVariants<float>(m, n, k);
        AllVariants<double>(m, n, k);
        AllVariants<int>(m, n, k);
    }

    [Fact]
    public void ZeroK_ClearsOrKeepsC()
    {
        float[] c = [1, 2, 3, 4, 5, 6];
        Gemm.Multiply<float>(2, 3, 0, [], 0, false, [], 3, false, c, 3, accumulate: true);
        Assert.Equal([1, 2, 3, 4, 5, 6], c);
        Gemm.Multiply<float>(2, 3, 0, [], 0, false, [], 3, false, c, 3, accumulate: false);
        Assert.Equal(new float[6], c);
    }

    [Fact]
    public void SmallExample()
    {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]
        double[] a = [1, 2, 3, 4], b = [5, 6, 7, 8], c = new double[4];
        foreach (var level in Levels())
            WithLevel(level, () =>
            {
                Gemm.Multiply<double>(2, 2, 2, a, 2, false, b, 2, false, c, 2, false);
                Assert.Equal([19, 22, 43, 50], c);
            });
    }

    // ---------------------------------------------------------------- argument errors

    [Fact]
    public void ShortA_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(3, 2, 4, new float[11], 4, false, new float[8], 2, false, new float[6], 2, false));
        Assert.StartsWith("Gemm:", e.Message);
        Assert.Contains("A", e.Message);
        Assert.Contains("lda=4", e.Message);
        Assert.Contains("needs 12", e.Message);
        Assert.Contains("has 11", e.Message);
    }

    [Fact]
    public void ShortTransposedB_Throws()
    {
        // B stored n×k = 2×4 with ldb=5 needs 5 + 4 = 9 elements.
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<double>(3, 2, 4, new double[12], 4, false, new double[8], 5, true, new double[6], 2, false));
        Assert.StartsWith("Gemm:", e.Message);
        Assert.Contains("B", e.Message);
        Assert.Contains("ldb=5", e.Message);
        Assert.Contains("needs 9", e.Message);
    }

    [Fact]
    public void ShortC_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<int>(3, 2, 4, new int[12], 4, false, new int[8], 2, false, new int[7], 3, false));
        Assert.StartsWith("Gemm:", e.Message);
        Assert.Contains("C", e.Message);
        Assert.Contains("ldc=3", e.Message);
        Assert.Contains("needs 8", e.Message);
        Assert.Contains("has 7", e.Message);
    }

    [Fact]
    public void StrideSmallerThanRow_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(3, 2, 4, new float[100], 3, false, new float[8], 2, false, new float[6], 2, false));
        Assert.StartsWith("Gemm:", e.Message);
        Assert.Contains("lda=3", e.Message);
    }

    /// <summary>
    /// Packing only moves data, so B stored transposed gives every bit of C that B stored by rows gives, on every level:
    /// this pins the 4x4 register transposes that pack a transposed float B (widths that leave 1-3 columns over, and
    /// panel edges, included), and the one-row path that a transposed B does not take.
    /// </summary>
    [Theory]
    [InlineData(1, 100, 400)]
    [InlineData(2, 23, 37)]
    [InlineData(3, 31, 9)]
    [InlineData(7, 50, 600)]
    [InlineData(100, 400, 1)]
    public void TransposedBGivesTheSameBits_Float(int m, int n, int k)
    {
        var rng = new Random(m * 31 + n * 7 + k);
        double[,] a = Random<float>(rng, m, k), b = Random<float>(rng, k, n);
        var (sa, lda) = Store<float>(a, false, 1);
        var (rows, ldRows) = Store<float>(b, false, 3);
        var (cols, ldCols) = Store<float>(b, true, 2);
        foreach (var level in Levels())
            WithLevel(level, () =>
            {
                var byRows = new float[m * n];
                var byCols = new float[m * n];
                Gemm.Multiply<float>(m, n, k, sa, lda, false, rows, ldRows, false, byRows, n, false);
                Gemm.Multiply<float>(m, n, k, sa, lda, false, cols, ldCols, true, byCols, n, false);
                for (int i = 0; i < byRows.Length; i++)
                    Assert.True(BitConverter.SingleToInt32Bits(byRows[i]) == BitConverter.SingleToInt32Bits(byCols[i]),
                        $"{m}x{n}x{k} {level}: C[{i / n},{i % n}] = {byCols[i]} with B transposed, {byRows[i]} by rows");
            });
    }

    [Fact]
    public void NegativeDimension_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            Gemm.Multiply<float>(-1, 2, 4, [], 4, false, new float[8], 2, false, [], 2, false));
        Assert.StartsWith("Gemm:", e.Message);
        Assert.Contains("m=-1", e.Message);
    }

    // ---------------------------------------------------------------- harness

    private static readonly (bool, bool)[] AllTransposes = [(false, false), (false, true), (true, false), (true, true)];

    /// <summary>
    /// Runs every combination of transposition, stride padding, accumulate and SIMD level for one shape and type.
    /// The logical operands are fixed per shape, so one reference serves every variant.
    /// </summary>
    private static void AllVariants<T>(int m, int n, int k, (bool, bool)[]? transposes = null, bool[]? pads = null)
        where T : unmanaged, INumber<T>
    {
        var rng = new Random(m * 1_000_003 + n * 1009 + k);
        double[,] a = Random<T>(rng, m, k), b = Random<T>(rng, k, n), c0 = Random<T>(rng, m, n);
        var product = Reference(a, b, out var magnitude);
        foreach (var (transA, transB) in transposes ?? AllTransposes)
            foreach (bool pad in pads ?? [false, true])
                foreach (bool accumulate in new[] { false, true })
                    foreach (var level in Levels())
                        WithLevel(level, () => RunOne<T>(a, b, c0, product, magnitude, transA, transB, pad, accumulate,
                            $"{typeof(T).Name} {m}x{n}x{k} transA={transA} transB={transB} pad={pad} acc={accumulate} {level}"));
    }

    private static void RunOne<T>(double[,] a, double[,] b, double[,] c0, double[,] product, double[,] magnitude,
        bool transA, bool transB, bool pad, bool accumulate, string label) where T : unmanaged, INumber<T>
    {
        int m = c0.GetLength(0), n = c0.GetLength(1), k = a.GetLength(1);
        // Padded strides make each operand a submatrix view of a wider buffer.
        var (sa, lda) = Store<T>(a, transA, pad ? 3 : 0);
        var (sb, ldb) = Store<T>(b, transB, pad ? 5 : 0);
        var (sc, ldc) = Store<T>(c0, false, pad ? 2 : 0);
        var before = (T[])sc.Clone();
        Gemm.Multiply<T>(m, n, k, sa, lda, transA, sb, ldb, transB, sc, ldc, accumulate);

        double eps = typeof(T) == typeof(float) ? 6e-8 : typeof(T) == typeof(double) ? 1.2e-16 : 0;
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double want = product[i, j] + (accumulate ? c0[i, j] : 0);
                double got = double.CreateChecked(sc[i * ldc + j]);
                // Worst-case rounding of a k-term dot product, scaled by the magnitude of its terms.
                double tol = 2 * (k + 2) * eps * (magnitude[i, j] + Math.Abs(c0[i, j]));
                if (Math.Abs(got - want) > tol)
                    Assert.Fail($"{label}: C[{i},{j}] = {got}, expected {want} (tol {tol})");
            }
        // The padding between rows of C must be untouched.
        for (int i = 0; i < sc.Length; i++)
            if (i / ldc >= m || i % ldc >= n)
                Assert.True(sc[i] == before[i], $"{label}: C padding at {i} was written");
    }

    /// <summary>Random values exactly representable in T: small integers for integer types, [-1, 1) otherwise.</summary>
    private static double[,] Random<T>(Random rng, int rows, int cols) where T : unmanaged, INumber<T>
    {
        bool integral = typeof(T) == typeof(int) || typeof(T) == typeof(long);
        var x = new double[rows, cols];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                x[i, j] = double.CreateChecked(integral
                    ? T.CreateChecked(rng.Next(-4, 5))
                    : T.CreateTruncating(rng.NextDouble() * 2 - 1));
        return x;
    }

    /// <summary>Lays out a logical matrix (or its transpose when <paramref name="transposed"/>) with extra row stride.</summary>
    private static (T[] Data, int Ld) Store<T>(double[,] x, bool transposed, int extra) where T : unmanaged, INumber<T>
    {
        int rows = x.GetLength(0), cols = x.GetLength(1);
        int storedRows = transposed ? cols : rows, storedCols = transposed ? rows : cols;
        int ld = storedCols + extra;
        var data = new T[storedRows * ld];
        // Fill with a sentinel so reads outside the view or writes to the padding show up.
        Array.Fill(data, T.CreateChecked(77));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                data[transposed ? j * ld + i : i * ld + j] = T.CreateChecked(x[i, j]);
        return (data, ld);
    }

    /// <summary>Naive A·B in double; also Σ|a||b| per element, which bounds the rounding error of the kernel.</summary>
    private static double[,] Reference(double[,] a, double[,] b, out double[,] magnitude)
    {
        int m = a.GetLength(0), k = a.GetLength(1), n = b.GetLength(1);
        var c = new double[m, n];
        magnitude = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0, abs = 0;
                for (int p = 0; p < k; p++)
                {
                    s += a[i, p] * b[p, j];
                    abs += Math.Abs(a[i, p] * b[p, j]);
                }
                c[i, j] = s;
                magnitude[i, j] = abs;
            }
        return c;
    }

    private static void WithLevel(SimdLevel level, Action body)
    {
        var saved = Simd.Level;
        try
        {
            Simd.Level = level;
            body();
        }
        finally
        {
            Simd.Level = saved;
        }
    }
}
