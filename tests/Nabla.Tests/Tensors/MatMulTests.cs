using Nabla.Tensors;
using static Nabla.Tests.Tensors.OpsRef;

namespace Nabla.Tests.Tensors;

/// <summary>
/// Tensor.MatMul and Tensor.Dot with NumPy's rules: 2-D, batched with broadcast batch axes, 1-D operands,
/// strided and transposed operands, every numeric dtype, empty dimensions, and the error messages.
/// </summary>
public class MatMulTests
{
    /// <summary>NumPy's matmul worked out with a naive triple loop in double precision.</summary>
    internal static (int[] Shape, double[] Values) Naive(Tensor a, Tensor b)
    {
        var sa = a.NDim == 1 ? new[] { 1, a.Shape[0] } : a.Shape;
        var sb = b.NDim == 1 ? new[] { b.Shape[0], 1 } : b.Shape;
        int m = sa[^2], k = sa[^1], n = sb[^1];
        var batch = BroadcastShape(sa[..^2], sb[..^2]);
        var values = new List<double>();
        foreach (var bi in Indices(batch))
        {
            var ab = Project(bi, sa[..^2]);
            var bb = Project(bi, sb[..^2]);
            for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = a.NDim == 1 ? a.GetDouble(p) : a.GetDouble([.. ab, i, p]);
                    double y = b.NDim == 1 ? b.GetDouble(p) : b.GetDouble([.. bb, p, j]);
                    s += x * y;
                }
                values.Add(s);
            }
        }
        var shape = new List<int>(batch);
        if (a.NDim > 1) shape.Add(m);
        if (b.NDim > 1) shape.Add(n);
        return (shape.ToArray(), values.ToArray());
    }

    internal static void CheckAgainstNaive(Tensor a, Tensor b, double tol)
    {
        var r = Tensor.MatMul(a, b);
        var (shape, expected) = Naive(a, b);
        Close(shape, expected, r, tol, tol);
    }

    [Fact]
    public void TwoD_HandValues()
    {
        var a = F64([1, 2, 3, 4, 5, 6], 2, 3);
        var b = F64([7, 8, 9, 10, 11, 12], 3, 2);
        Exact(DType.Float64, [2, 2], [58, 64, 139, 154], Tensor.MatMul(a, b));
        Exact(DType.Float64, [3, 3], [39, 54, 69, 49, 68, 87, 59, 82, 105], Tensor.MatMul(b, a));
        Exact(DType.Float64, [2, 2], [14, 32, 32, 77], Tensor.MatMul(a, a.T));
        Exact(DType.Float64, [3, 3], [17, 22, 27, 22, 29, 36, 27, 36, 45], Tensor.MatMul(a.T, a));
        Exact(DType.Float64, [2, 3], [1, 2, 3, 4, 5, 6], Tensor.MatMul(Tensor.Eye(2, dtype: DType.Float64), a));
    }

    [Fact]
    public void Batched_WithBroadcastBatchAxes()
    {
        var rng = new Generator(1);
        var a = Tensor.Randn(rng, DType.Float64, 2, 1, 3, 4);
        var b = Tensor.Randn(rng, DType.Float64, 5, 4, 2);
        var r = Tensor.MatMul(a, b);
        Assert.Equal([2, 5, 3, 2], r.Shape);
        CheckAgainstNaive(a, b, 1e-13);
        // Each batch entry is the 2-D product of the matching slices.
        for (int i = 0; i < 2; i++)
        for (int j = 0; j < 5; j++)
            Close([3, 2], Values(Tensor.MatMul(a[i, 0], b[j])), r[i, j], 1e-14, 1e-14);

        CheckAgainstNaive(Tensor.Randn(rng, DType.Float64, 3, 4), Tensor.Randn(rng, DType.Float64, 2, 4, 5), 1e-13);
        CheckAgainstNaive(Tensor.Randn(rng, DType.Float64, 2, 3, 4), Tensor.Randn(rng, DType.Float64, 4, 5), 1e-13);
        CheckAgainstNaive(Tensor.Randn(rng, DType.Float64, 3, 1, 2, 4), Tensor.Randn(rng, DType.Float64, 1, 2, 4, 3), 1e-13);
        Assert.Equal([3, 2, 2, 3], Tensor.MatMul(Tensor.Zeros(3, 1, 2, 4), Tensor.Zeros(1, 2, 4, 3)).Shape);
    }

    [Fact]
    public void OneDimensionalOperands()
    {
        var v = F64([1, 2, 3]);
        var m = F64([1, 2, 3, 4, 5, 6], 3, 2);
        Exact(DType.Float64, [2], [22, 28], Tensor.MatMul(v, m));
        Exact(DType.Float64, [2], [22, 28], Tensor.MatMul(m.T, v));
        var dot = Tensor.MatMul(v, F64([4, 5, 6]));
        Exact(DType.Float64, [], [32], dot);
        Assert.Equal(0, dot.NDim);

        var rng = new Generator(2);
        var batch = Tensor.Randn(rng, DType.Float64, 2, 4, 3);
        Assert.Equal([2, 3], Tensor.MatMul(Tensor.Randn(rng, DType.Float64, 4), batch).Shape);
        CheckAgainstNaive(Tensor.Randn(rng, DType.Float64, 4), batch, 1e-13);
        Assert.Equal([2, 4], Tensor.MatMul(batch, Tensor.Randn(rng, DType.Float64, 3)).Shape);
        CheckAgainstNaive(batch, Tensor.Randn(rng, DType.Float64, 3), 1e-13);
        Exact(DType.Float64, [1], [6], Tensor.MatMul(F64([2], 1, 1), F64([3])));
    }

    [Fact]
    public void StridedOperands_EqualTheContiguousResult()
    {
        var rng = new Generator(4);
        foreach (var dtype in new[] { DType.Float64, DType.Float32, DType.Int32, DType.Int64 })
        foreach (var la in Layouts)
        foreach (var lb in Layouts)
        {
            var a = Laid(rng, dtype, la, 6, 5);
            var b = Laid(rng, dtype, lb, 5, 7);
            var r = Tensor.MatMul(a, b);
            var c = Tensor.MatMul(a.Copy(), b.Copy());
            Assert.Equal(dtype, r.DType);
            double tol = dtype == DType.Float32 ? 1e-5 : dtype == DType.Float64 ? 1e-13 : 0;
            Close([6, 7], Values(c), r, tol, tol);
            CheckAgainstNaive(a, b, tol == 0 ? 0 : tol);
        }
    }

    [Fact]
    public void OtherStridedLayouts_MatchNaive()
    {
        var rng = new Generator(5);
        var big = Tensor.Randn(rng, DType.Float64, 8, 10);
        // Every second column (column stride 2), every second row and column, a reversed column order.
        CheckAgainstNaive(big[.., new Slice(null, null, 2)], Tensor.Randn(rng, DType.Float64, 5, 3), 1e-13);
        CheckAgainstNaive(big[new Slice(null, null, 2), new Slice(null, null, 2)], big[new Slice(1, 6), new Slice(0, 3)], 1e-13);
        CheckAgainstNaive(big[.., new Slice(null, null, -1)], big.T[.., new Slice(2, 5)], 1e-13);
        // Transposed batch operands and a batch axis that is a stride-0 broadcast.
        var t = Tensor.Randn(rng, DType.Float64, 3, 4, 2).Transpose(0, 2, 1);
        CheckAgainstNaive(t, Tensor.Randn(rng, DType.Float64, 3, 5, 4).Transpose(0, 2, 1), 1e-13);
        CheckAgainstNaive(Tensor.Randn(rng, DType.Float64, 1, 2, 4).BroadcastTo(3, 2, 4), Tensor.Randn(rng, DType.Float64, 3, 4, 2), 1e-13);
        CheckAgainstNaive(Tensor.Randn(rng, DType.Float64, 4).BroadcastTo(3, 4), Tensor.Randn(rng, DType.Float64, 4, 1).BroadcastTo(4, 5), 1e-13);
        // Batch axes of a transposed 3-D tensor: the batch stride is not the matrix size.
        var s = Tensor.Randn(rng, DType.Float64, 4, 3, 5).Transpose(1, 0, 2);
        CheckAgainstNaive(s, Tensor.Randn(rng, DType.Float64, 5, 2), 1e-13);
    }

    [Fact]
    public void LargerShapes_MatchNaive()
    {
        var rng = new Generator(6);
        CheckAgainstNaive(Tensor.Randn(rng, DType.Float64, 65, 130), Tensor.Randn(rng, DType.Float64, 130, 33), 1e-12);
        CheckAgainstNaive(Tensor.Randn(rng, DType.Float32, 130, 65).T, Tensor.Randn(rng, DType.Float32, 130, 17), 1e-4);
        CheckAgainstNaive(Tensor.RandInt(rng, -9, 10, [37, 70], DType.Int32), Tensor.RandInt(rng, -9, 10, [33, 70], DType.Int32).T, 0);
    }

    [Fact]
    public void DTypes()
    {
        var f = Tensor.MatMul(F32([1, 2, 3, 4], 2, 2), F32([5, 6, 7, 8], 2, 2));
        Exact(DType.Float32, [2, 2], [19, 22, 43, 50], f);
        Exact(DType.Int32, [2, 2], [19, 22, 43, 50], Tensor.MatMul(I32([1, 2, 3, 4], 2, 2), I32([5, 6, 7, 8], 2, 2)));
        Exact(DType.Int64, [2, 2], [19, 22, 43, 50], Tensor.MatMul(I64([1, 2, 3, 4], 2, 2), I64([5, 6, 7, 8], 2, 2)));
        Exact(DType.Int64, [1, 1], [3L << 40], Tensor.MatMul(I64([1L << 40, 1L << 41], 1, 2), I64([1, 1], 2, 1)));
        Exact(DType.Float64, [2, 2], [19, 22, 43, 50], Tensor.MatMul(I32([1, 2, 3, 4], 2, 2), F64([5, 6, 7, 8], 2, 2)));
        Exact(DType.Float32, [2, 2], [19, 22, 43, 50], Tensor.MatMul(I64([1, 2, 3, 4], 2, 2), F32([5, 6, 7, 8], 2, 2)));
        Exact(DType.Float64, [2, 2], [19, 22, 43, 50], Tensor.MatMul(F32([1, 2, 3, 4], 2, 2), F64([5, 6, 7, 8], 2, 2)));
        Exact(DType.Int32, [2, 2], [1, 1, 1, 2], Tensor.MatMul(B([true, false, true, true], 2, 2), B([true, true, false, true], 2, 2)));
    }

    [Fact]
    public void EmptyDimensions()
    {
        // k = 0: every entry is an empty sum, 0.
        Exact(DType.Float64, [2, 3], [0, 0, 0, 0, 0, 0], Tensor.MatMul(Tensor.Zeros(DType.Float64, 2, 0), Tensor.Zeros(DType.Float64, 0, 3)));
        Exact(DType.Int32, [2, 3], [0, 0, 0, 0, 0, 0], Tensor.MatMul(Tensor.Zeros(DType.Int32, 2, 0), Tensor.Zeros(DType.Int32, 0, 3)));
        Exact(DType.Float32, [], [0], Tensor.MatMul(Tensor.Zeros(0), Tensor.Zeros(0)));
        Exact(DType.Float32, [4, 2, 3], new double[24], Tensor.MatMul(Tensor.Zeros(4, 2, 0), Tensor.Zeros(0, 3)));
        Assert.Equal([0, 3], Tensor.MatMul(Tensor.Zeros(0, 4), Tensor.Ones(4, 3)).Shape);
        Assert.Equal([2, 0], Tensor.MatMul(Tensor.Ones(2, 4), Tensor.Zeros(4, 0)).Shape);
        Assert.Equal([0, 2, 3], Tensor.MatMul(Tensor.Zeros(0, 2, 4), Tensor.Ones(4, 3)).Shape);
    }

    [Fact]
    public void Errors()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(4, 5)));
        Assert.Equal("MatMul: shapes (2,3) and (4,5) do not align (3 != 4)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Zeros(3), Tensor.Zeros(4)));
        Assert.Equal("MatMul: shapes (3,) and (4,) do not align (3 != 4)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Zeros(2, 3), Tensor.Zeros(2)));
        Assert.Equal("MatMul: shapes (2,3) and (2,) do not align (3 != 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Zeros(2, 3, 4), Tensor.Zeros(3, 4, 5)));
        Assert.Equal("MatMul: cannot broadcast (2,) with (3,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Scalar(2.0), Tensor.Zeros(2)));
        Assert.Equal("MatMul: operands must have at least one dimension, got shapes () and (2,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.MatMul(Tensor.Zeros(2, 2), Tensor.Scalar(2.0)));
        Assert.Equal("MatMul: operands must have at least one dimension, got shapes (2,2) and ()", e.Message);
        Assert.Throws<ArgumentNullException>(() => Tensor.MatMul(null!, Tensor.Zeros(2)));
    }

    [Fact]
    public void Dot()
    {
        Exact(DType.Float64, [], [32], Tensor.Dot(F64([1, 2, 3]), F64([4, 5, 6])));
        Exact(DType.Float64, [2], [14, 32], Tensor.Dot(F64([1, 2, 3, 4, 5, 6], 2, 3), F64([1, 2, 3])));
        Exact(DType.Float64, [3], [9, 12, 15], Tensor.Dot(F64([1, 2]), F64([1, 2, 3, 4, 5, 6], 2, 3)));
        Exact(DType.Float64, [2, 2], [58, 64, 139, 154], Tensor.Dot(F64([1, 2, 3, 4, 5, 6], 2, 3), F64([7, 8, 9, 10, 11, 12], 3, 2)));
        // With a 0-d operand NumPy's dot is multiplication.
        Exact(DType.Float64, [3], [2, 4, 6], Tensor.Dot(Tensor.Scalar(2.0), F64([1, 2, 3])));
        Exact(DType.Float64, [], [6], Tensor.Dot(Tensor.Scalar(2.0), Tensor.Scalar(3.0)));
        Exact(DType.Int64, [], [32], Tensor.Dot(I64([1, 2, 3]), I64([4, 5, 6])));
    }

    [Fact]
    public void Dot_Errors()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Dot(Tensor.Zeros(2, 3), Tensor.Zeros(4)));
        Assert.Equal("Dot: shapes (2,3) and (4,) not aligned (3 != 4)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Dot(Tensor.Zeros(3), Tensor.Zeros(2, 3)));
        Assert.Equal("Dot: shapes (3,) and (2,3) not aligned (3 != 2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Dot(Tensor.Zeros(2, 3), Tensor.Zeros(2, 3)));
        Assert.Equal("Dot: shapes (2,3) and (2,3) not aligned (3 != 2)", e.Message);
        var n = Assert.Throws<NotSupportedException>(() => Tensor.Dot(Tensor.Zeros(2, 2, 2), Tensor.Zeros(2)));
        Assert.Equal("Dot: shapes (2,2,2) and (2,) have more than 2 dimensions; use MatMul", n.Message);
        Assert.Throws<NotSupportedException>(() => Tensor.Dot(Tensor.Zeros(2), Tensor.Zeros(2, 2, 2)));
    }
}
