using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tensors.Kernels;

namespace Nabla.Tests.Tensors;

/// <summary>
/// The elementwise kernels split long contiguous runs across threads and the fused gradient kernels replace
/// formulas of several passes. Both must give the same values as one thread and as the formulas: bit for bit
/// for arithmetic, within a few ulps for TensorPrimitives' transcendental functions, whose last bit may change
/// when the JIT recompiles them (checked on sizes around the vector widths and the split threshold, and at every SIMD level).
/// </summary>
[Collection("SimdLevel")]
public class ParallelElementwiseTests
{
    private static readonly int[] Sizes = [1, 3, 17, 255, 1023, 100003, 2 * Chunks.MinChunk + 1, 300001];

    private static Tensor Random(int n, DType dtype, int seed) => Tensor.Randn(new Generator(seed), dtype, n);

    // ---- the split itself ----

    [Fact]
    public void ABroadcastValueAgainstALongRun_TakesTheScalarPath_WithItsBits()
    {
        int n = 2 * Chunks.MinChunk + 5;
        var x = Random(n, DType.Float32, 3);
        var value = Tensor.Scalar(1.7f);
        var view = value.Reshape(1).BroadcastTo([n]); // all strides 0, as Sum's gradient
        Assert.Equal((x * value).ToArray<float>(), (x * view).ToArray<float>());
        Assert.Equal((value - x).ToArray<float>(), (view - x).ToArray<float>());
        SimdLevels.With(SimdLevel.Scalar, () => Assert.Equal((x / value).ToArray<float>(), (x / view).ToArray<float>()));
    }

    [Theory]
    [InlineData(131072, 2)]
    [InlineData(300001, 4)]
    [InlineData(2_000_003, 32)]
    public void Chunks_CoverTheRunInOrderOnCacheLineBoundaries(int length, int pieces)
    {
        Assert.Equal(0, Chunks.Start(length, pieces, 0));
        Assert.Equal(length, Chunks.Start(length, pieces, pieces));
        for (int i = 1; i < pieces; i++)
        {
            int start = Chunks.Start(length, pieces, i);
            Assert.Equal(0, start % 64);
            Assert.True(start - Chunks.Start(length, pieces, i - 1) >= Chunks.MinChunk / 2, $"piece {i - 1} of {length} is short");
        }
    }

    [Fact]
    public void Chunks_OnePieceBelowTheThresholdOrWithOneThread()
    {
        WithThreads(4, () =>
        {
            Assert.Equal(1, Chunks.Count(2L * Chunks.MinChunk - 1));
            Assert.Equal(2, Chunks.Count(2L * Chunks.MinChunk));
        });
        WithThreads(1, () => Assert.Equal(1, Chunks.Count(10_000_000)));
    }

    // ---- unary, binary, compare, select, convert, copy: threads change nothing ----

    [Fact]
    public void Unary_SameOnManyThreadsAsOnOneAndAsTheScalarFunction()
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (int n in Sizes)
            {
                var x = Random(n, dtype, n);
                var ops = new (string Name, Func<Tensor, Tensor> Op, Func<double, double> Ref)[]
                {
                    ("exp", t => t.Exp(), Math.Exp), ("tanh", t => t.Tanh(), Math.Tanh), ("neg", t => -t, v => -v),
                    ("sqrt", t => t.Abs().Sqrt(), v => Math.Sqrt(Math.Abs(v))), ("sin", t => t.Sin(), Math.Sin),
                };
                foreach (var (name, op, reference) in ops)
                {
                    var one = WithThreads(1, () => op(x));
                    var many = WithThreads(4, () => op(x));
                    AssertUlps(one, many, $"{name} {dtype} n={n}");
                    var xs = x.ToDoubleArray();
                    var ys = many.ToDoubleArray();
                    double tol = dtype == DType.Float32 ? 1e-5 : 1e-12;
                    for (int i = 0; i < n; i += Math.Max(1, n / 97))
                        Assert.True(Math.Abs(ys[i] - reference(xs[i])) <= tol * (1 + Math.Abs(reference(xs[i]))), $"{name} {dtype} n={n} at {i}: {ys[i]} vs {reference(xs[i])}");
                }
            }
    }

    [Fact]
    public void Binary_SameShapeScalarAndRowBroadcasts_MatchTheScalarOperation()
    {
        var ops = new (string Name, Func<Tensor, Tensor, Tensor> Op, Func<float, float, float> Ref)[]
        {
            ("add", (a, b) => a + b, (a, b) => a + b), ("sub", (a, b) => a - b, (a, b) => a - b),
            ("mul", (a, b) => a * b, (a, b) => a * b), ("div", (a, b) => a / b, (a, b) => a / b),
            ("max", Tensor.Maximum, (a, b) => float.IsNaN(a) || float.IsNaN(b) ? float.NaN : Math.Max(a, b)),
        };
        foreach (int n in Sizes)
            foreach (var (name, op, reference) in ops)
            {
                var a = Random(n, DType.Float32, 1);
                var b = Random(n, DType.Float32, 2);
                var s = Tensor.Scalar(0.75, DType.Float32);
                var cases = new (string What, Tensor A, Tensor B)[] { ("same", a, b), ("scalar right", a, s), ("scalar left", s, b) };
                foreach (var (what, x, y) in cases)
                {
                    var one = WithThreads(1, () => op(x, y));
                    var many = WithThreads(4, () => op(x, y));
                    AssertBitwise(one, many, $"{name} {what} n={n}");
                    var xs = x.ToArray<float>();
                    var ys = y.ToArray<float>();
                    var got = many.ToArray<float>();
                    for (int i = 0; i < got.Length; i++)
                    {
                        float want = reference(xs[xs.Length == 1 ? 0 : i], ys[ys.Length == 1 ? 0 : i]);
                        Assert.True(want.Equals(got[i]), $"{name} {what} n={n} at {i}: {got[i]} vs {want}");
                    }
                }
            }
    }

    [Theory]
    [InlineData(300, 1000)]
    [InlineData(3, 17)]
    [InlineData(1023, 255)]
    public void Binary_RowBroadcast_MatchesTheStridedPath(int rows, int cols)
    {
        var a = Random(rows * cols, DType.Float64, 3).Reshape(rows, cols);
        var row = Random(cols, DType.Float64, 4);
        // A transposed copy takes the generic strided walk: the reference for the row path.
        var aStrided = a.T.Copy().T;
        Assert.False(aStrided.IsContiguous);
        foreach (var (name, op) in new (string, Func<Tensor, Tensor, Tensor>)[] { ("add", (x, y) => x + y), ("sub", (x, y) => x - y), ("div", (x, y) => x / y) })
        {
            var reference = WithThreads(1, () => op(aStrided, row));
            AssertBitwise(reference, WithThreads(4, () => op(a, row)), $"{name} row right {rows}x{cols}");
            AssertBitwise(WithThreads(1, () => op(row, aStrided)), WithThreads(4, () => op(row, a)), $"{name} row left {rows}x{cols}");
            AssertBitwise(reference, WithThreads(4, () => op(a, row.Reshape(1, cols))), $"{name} (1,cols) row {rows}x{cols}");
        }
    }

    [Fact]
    public void Binary_ErrorInsideAPiece_IsThrownAsOnOneThread()
    {
        // Integers to negative powers are refused element by element, here inside a piece run on the thread pool.
        var ints = Tensor.Arange(0, 300001, 1, DType.Int32);
        var e = WithThreads(4, () => Assert.Throws<ArgumentException>(() => Tensor.Pow(ints, ints - 5)));
        Assert.Contains("negative integer powers", e.Message);
    }

    [Fact]
    public void CompareSelectConvertCopy_SameOnManyThreads()
    {
        foreach (int n in Sizes)
        {
            var x = Random(n, DType.Float32, 5);
            var y = Random(n, DType.Float32, 6);
            Func<Tensor>[] cases =
            [
                () => x.Gt(0.0), () => x.Lt(0.25), () => x.Ge(y), () => x.Eq(x),
                () => Tensor.Where(x.Gt(y), x, y), () => x.AsType(DType.Float64), () => x.AsType(DType.Int32),
                () => x.Gt(0.0).AsType(DType.Float32), () => x.Copy(), () => Tensor.Scalar(2.5, DType.Float32).BroadcastTo(n).Copy(),
            ];
            for (int c = 0; c < cases.Length; c++)
                AssertBitwise(WithThreads(1, cases[c]), WithThreads(4, cases[c]), $"case {c} n={n}");
            var gt = WithThreads(4, () => x.Gt(0.0)).ToArray<bool>();
            var xs = x.ToArray<float>();
            for (int i = 0; i < n; i++) Assert.Equal(xs[i] > 0, gt[i]);
        }
    }

    // ---- fused gradient kernels ----

    [Theory]
    [MemberData(nameof(SimdLevels.Supported), MemberType = typeof(SimdLevels))]
    public void Fused_MatchTheFormulasBitForBit(SimdLevel level)
    {
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (int n in Sizes)
            {
                var gy = Random(n, dtype, 7);
                var x = Random(n, dtype, 8);
                var t = x.Tanh();
                var s = (x * 0.5).Tanh() * 0.5 + 0.5;
                SimdLevels.With(level, () =>
                {
                    foreach (int threads in new[] { 1, 4 })
                        WithThreads(threads, () =>
                        {
                            string at = $"{dtype} n={n} level={level} threads={threads}";
                            AssertBitwise(gy * x.Gt(0.0).AsType(dtype), Fused.ReluGrad(gy, x), "relu " + at);
                            AssertBitwise(gy * (1.0 - t * t), Fused.TanhGrad(gy, t), "tanh " + at);
                            AssertBitwise(gy * (s * (1.0 - s)), Fused.SigmoidGrad(gy, s), "sigmoid grad " + at);
                            AssertUlps(s, Fused.Sigmoid(x), "sigmoid " + at);
                        });
                });
            }
    }

    [Theory]
    [MemberData(nameof(SimdLevels.Supported), MemberType = typeof(SimdLevels))]
    public void Fused_ReluGrad_KeepsSignedZerosNaNsAndInfinitiesOfTheProduct(SimdLevel level)
    {
        float[] gys = [1, -1, float.NaN, float.PositiveInfinity, -2, 3, float.NegativeInfinity, -0f, 5, -5, 1, 1, 1, 1, 1, 1, 1, -1, 2];
        float[] xs = [1, -1, 1, -3, 0, -0f, 2, 4, float.NaN, float.PositiveInfinity, float.NegativeInfinity, 1e-45f, -1e-45f, 1, 1, 1, 1, -1, 7];
        var gy = Tensor.FromArray(gys);
        var x = Tensor.FromArray(xs);
        SimdLevels.With(level, () => AssertBitwise(gy * x.Gt(0.0).AsType(DType.Float32), Fused.ReluGrad(gy, x), $"relu specials at {level}"));
    }

    [Fact]
    public void Fused_RejectsOperandsItDoesNotTake()
    {
        var a = Tensor.Ones(3);
        Assert.False(Fused.Applies(a, Tensor.Ones(DType.Float64, 3)));
        Assert.False(Fused.Applies(a, Tensor.Ones(4)));
        Assert.False(Fused.Applies(Tensor.Ones(DType.Int32, 3), Tensor.Ones(DType.Int32, 3)));
        Assert.False(Fused.Applies(Tensor.Ones(3, 2).T, Tensor.Ones(2, 3)));
        var e = Assert.Throws<ArgumentException>(() => Fused.TanhGrad(a, Tensor.Ones(4)));
        Assert.Contains("Tanh", e.Message);
        Assert.Contains("(4", e.Message);
    }

    [Theory]
    [InlineData("relu")]
    [InlineData("tanh")]
    [InlineData("sigmoid")]
    public void Backward_FusedGradientEqualsTheRecordedFormula(string name)
    {
        Func<Variable, Variable> f = name switch { "relu" => F.ReLU, "tanh" => F.Tanh, _ => F.Sigmoid };
        foreach (var dtype in new[] { DType.Float32, DType.Float64 })
            foreach (int n in new[] { 5, 300001 })
            {
                var data = Random(n, dtype, 9);
                var weights = new Variable(Random(n, dtype, 10));
                var plain = new Variable(data);
                F.Sum(f(plain) * weights).Backward();
                // createGraph records the backward pass, so it runs the formula with Variables instead of the kernel.
                var recorded = new Variable(data);
                F.Sum(f(recorded) * weights).Backward(createGraph: true);
                AssertBitwise(recorded.Grad!.Data, plain.Grad!.Data, $"{name} {dtype} n={n}");
                Assert.Null(plain.Grad!.Creator);
                Assert.NotNull(recorded.Grad!.Creator);
            }
    }

    [Fact]
    public void Backward_FusedGradientStillCannotBeBackpropagated()
    {
        var x = new Variable(Tensor.Randn(new Generator(11), 4));
        F.Sum(F.Tanh(x)).Backward();
        var e = Assert.Throws<InvalidOperationException>(() => x.Grad!.Backward());
        Assert.Contains("NoGrad", e.Message);
    }

    // ---- helpers ----

    private static void AssertBitwise(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.AsType(DType.Float64).ToArray<double>();
        var a = actual.AsType(DType.Float64).ToArray<double>();
        for (int i = 0; i < e.Length; i++)
            if (BitConverter.DoubleToInt64Bits(e[i]) != BitConverter.DoubleToInt64Bits(a[i]))
                Assert.Fail($"{what}: element {i} is {a[i]:R}, expected {e[i]:R}");
    }

    /// <summary>
    /// Within 4 units in the last place: TensorPrimitives' transcendental functions (Sin on doubles, ...) change
    /// their last bit when the JIT recompiles them at a higher tier, so two calls may differ however they are split.
    /// </summary>
    private static void AssertUlps(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        double eps = expected.DType == DType.Float32 ? 4 * 1.2e-7 : 4 * 2.3e-16;
        var e = expected.AsType(DType.Float64).ToArray<double>();
        var a = actual.AsType(DType.Float64).ToArray<double>();
        for (int i = 0; i < e.Length; i++)
            if (!(e[i].Equals(a[i]) || Math.Abs(e[i] - a[i]) <= eps * Math.Max(Math.Abs(e[i]), 1e-30)))
                Assert.Fail($"{what}: element {i} is {a[i]:R}, expected {e[i]:R}");
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

    private static void WithThreads(int threads, Action body) => WithThreads(threads, () => { body(); return 0; });
}
