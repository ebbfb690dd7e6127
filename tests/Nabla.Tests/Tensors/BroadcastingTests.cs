using Nabla.Tensors;
using static Nabla.Tests.Tensors.OpsRef;

namespace Nabla.Tests.Tensors;

/// <summary>
/// NumPy broadcasting for every binary elementwise operation: result shapes, values against a scalar reference
/// loop on random data for contiguous and strided operands (transposed, stepped, reversed, broadcast views,
/// offset windows), 0-d and empty operands, and the error messages for shapes that do not broadcast.
/// </summary>
public class BroadcastingTests
{
    private sealed record Op(string Name, Func<Tensor, Tensor, Tensor> Run, Func<double, double, double> Ref, bool Compare = false, bool IntOk = true);

    private static double B2D(bool b) => b ? 1 : 0;

    private static readonly Op[] Ops =
    [
        new("Add", (a, b) => a + b, (x, y) => x + y),
        new("Sub", (a, b) => a - b, (x, y) => x - y),
        new("Mul", (a, b) => a * b, (x, y) => x * y),
        new("Div", (a, b) => a / b, (x, y) => x / y),
        new("Pow", Tensor.Pow, Math.Pow, IntOk: false),
        new("Maximum", Tensor.Maximum, (x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Max(x, y)),
        new("Minimum", Tensor.Minimum, (x, y) => double.IsNaN(x) || double.IsNaN(y) ? double.NaN : Math.Min(x, y)),
        new("Eq", (a, b) => a.Eq(b), (x, y) => B2D(x == y), Compare: true),
        new("Ne", (a, b) => a.Ne(b), (x, y) => B2D(x != y), Compare: true),
        new("Lt", (a, b) => a < b, (x, y) => B2D(x < y), Compare: true),
        new("Le", (a, b) => a <= b, (x, y) => B2D(x <= y), Compare: true),
        new("Gt", (a, b) => a > b, (x, y) => B2D(x > y), Compare: true),
        new("Ge", (a, b) => a >= b, (x, y) => B2D(x >= y), Compare: true),
        new("LogicalAnd", Tensor.LogicalAnd, (x, y) => B2D(x != 0 && y != 0), Compare: true),
        new("LogicalOr", Tensor.LogicalOr, (x, y) => B2D(x != 0 || y != 0), Compare: true),
    ];

    public static TheoryData<string> OpNames()
    {
        var data = new TheoryData<string>();
        foreach (var op in Ops) data.Add(op.Name);
        return data;
    }

    /// <summary>Shape pairs and the broadcast shape NumPy gives them.</summary>
    public static readonly (int[] A, int[] B, int[] Out)[] Pairs =
    [
        ([2, 3], [3], [2, 3]),
        ([3], [2, 3], [2, 3]),
        ([2, 1], [1, 3], [2, 3]),
        ([4, 1, 3], [2, 1], [4, 2, 3]),
        ([2, 1], [4, 1, 3], [4, 2, 3]),
        ([3, 1, 1], [1, 4, 1], [3, 4, 1]),
        ([1, 1, 1], [5], [1, 1, 5]),
        ([5, 4], [5, 4], [5, 4]),
        ([], [2, 3], [2, 3]),
        ([2, 3], [], [2, 3]),
        ([], [], []),
        ([1], [], [1]),
        ([0, 3], [3], [0, 3]),
        ([0, 3], [1], [0, 3]),
        ([2, 0], [2, 1], [2, 0]),
        ([1, 0], [3, 1], [3, 0]),
        ([0], [], [0]),
        ([2, 3, 4, 5], [3, 1, 5], [2, 3, 4, 5]),
    ];

    private static Op Find(string name) => Ops.Single(o => o.Name == name);

    private static void Check(Op op, Tensor a, Tensor b, int[] outShape, DType computeDType, string what)
    {
        var r = op.Run(a, b);
        var (shape, expected) = Binary(a, b, op.Ref);
        Assert.Equal(outShape, shape);
        DType want = op.Compare ? DType.Bool : op.Name == "Div" ? computeDType.ToFloat() : computeDType;
        Assert.True(want == r.DType, $"{op.Name} {what}: dtype {r.DType}, expected {want}");
        bool single = computeDType == DType.Float32 || (op.Name == "Div" && !computeDType.IsFloat());
        try
        {
            Close(outShape, expected, r, single ? 2e-6 : 1e-13, single ? 1e-6 : 1e-13);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"{op.Name} {what}: {e.Message}");
        }
    }

    [Theory]
    [MemberData(nameof(OpNames))]
    public void EveryShapePair_EveryLayout_MatchesReference(string name)
    {
        var op = Find(name);
        var rng = new Generator(name.GetHashCode(StringComparison.Ordinal) & 0xffff);
        foreach (var (sa, sb, so) in Pairs)
        foreach (var la in Layouts)
        foreach (var lb in new[] { "contiguous", "transposed", "stepped", "broadcast" })
        {
            var a = Laid(rng, DType.Float64, la, sa);
            var b = Laid(rng, DType.Float64, lb, sb);
            if (op.Name == "Pow") a = a.Abs();
            Check(op, a, b, so, DType.Float64, $"{Fmt(sa)}[{la}] with {Fmt(sb)}[{lb}]");
        }
    }

    [Theory]
    [MemberData(nameof(OpNames))]
    public void EveryDType_MatchesReference(string name)
    {
        var op = Find(name);
        var rng = new Generator(99);
        var dtypes = new[] { DType.Float32, DType.Float64, DType.Int32, DType.Int64, DType.Bool };
        foreach (var da in dtypes)
        foreach (var db in dtypes)
        {
            var compute = DTypeExtensions.Promote(da, db);
            if (compute == DType.Bool) compute = DType.Int32;
            if (!op.IntOk && !compute.IsFloat()) continue;
            var a = Laid(rng, da, "transposed", 3, 4);
            var b = Laid(rng, db, "stepped", 4);
            if (op.Name == "Pow" && da.IsFloat()) a = a.Abs();
            Check(op, a, b, [3, 4], compute, $"{da} with {db}");
            Check(op, b, a, [3, 4], compute, $"{db} with {da}");
            // A scalar broadcast along a contiguous row: the kernels' span-with-scalar path.
            Check(op, Laid(rng, da, "contiguous", 2, 5), Laid(rng, db, "contiguous"), [2, 5], compute, $"{da} with 0-d {db}");
            Check(op, Laid(rng, db, "contiguous"), Laid(rng, da, "contiguous", 2, 5), [2, 5], compute, $"0-d {db} with {da}");
        }
    }

    [Fact]
    public void LargeBroadcasts_MatchReference()
    {
        var rng = new Generator(3);
        var add = Find("Add");
        Check(add, Tensor.Randn(rng, DType.Float64, 100, 300), Tensor.Randn(rng, DType.Float64, 300), [100, 300], DType.Float64, "(100,300)+(300,)");
        Check(add, Tensor.Randn(rng, DType.Float64, 64, 1, 33), Tensor.Randn(rng, DType.Float64, 1, 17, 33), [64, 17, 33], DType.Float64, "(64,1,33)+(1,17,33)");
        Check(Find("Mul"), Tensor.Randn(rng, DType.Float32, 50, 40).T, Tensor.Randn(rng, DType.Float32, 40, 1), [40, 50], DType.Float32, "transposed * column");
        Check(Find("Maximum"), Tensor.Randn(rng, DType.Float32, 129), Tensor.Randn(rng, DType.Float32, 7, 1), [7, 129], DType.Float32, "(129,) max (7,1)");
    }

    [Fact]
    public void HandWorkedValues()
    {
        // (2,3) + (3,): the row is added to each row.
        Exact(DType.Float64, [2, 3], [11, 22, 33, 14, 25, 36], F64([1, 2, 3, 4, 5, 6], 2, 3) + F64([10, 20, 30]));
        // (2,1) * (1,3): an outer product.
        Exact(DType.Int32, [2, 3], [1, 2, 3, 2, 4, 6], I32([1, 2], 2, 1) * I32([1, 2, 3], 1, 3));
        // (4,1,3) - (2,1) gives (4,2,3): out[i,j,k] = a[i,0,k] - b[j,0].
        var a = I32(Enumerable.Range(0, 12).ToArray(), 4, 1, 3);
        var b = I32([0, 100], 2, 1);
        var r = a - b;
        Assert.Equal([4, 2, 3], r.Shape);
        Assert.Equal(DType.Int32, r.DType);
        foreach (var i in Indices([4, 2, 3]))
            Assert.Equal(i[0] * 3 + i[2] - 100 * i[1], r.Get<int>(i));
        // A 0-d tensor broadcasts against anything, including an empty tensor.
        Exact(DType.Float64, [2, 2], [3, 4, 5, 6], Tensor.Scalar(2.0) + F64([1, 2, 3, 4], 2, 2));
        Exact(DType.Float64, [0, 3], [], Tensor.Scalar(2.0) * Tensor.Zeros(DType.Float64, 0, 3));
        Exact(DType.Float32, [0, 3], [], Tensor.Zeros(0, 3) + F32([1, 2, 3]));
    }

    [Fact]
    public void BroadcastViewsAndTheirContiguousCopies_GiveTheSameResult()
    {
        var rng = new Generator(11);
        var row = Tensor.Randn(rng, DType.Float64, 1, 4);
        var view = row.BroadcastTo(3, 4);
        Assert.Equal(0, view.Strides[0]);
        var other = Tensor.Randn(rng, DType.Float64, 4, 3).T;
        foreach (var op in Ops)
        {
            var x = op.Name == "Pow" ? row.Abs().BroadcastTo(3, 4) : view;
            var y = op.Name == "Pow" ? view.Abs().Copy() : view.Copy();
            Assert.Equal(Values(op.Run(y, other)), Values(op.Run(x, other)));
            Assert.Equal(Values(op.Run(other, y)), Values(op.Run(other, x)));
        }
    }

    public static TheoryData<string, string> ErrorNames => new()
    {
        { "Add", "Add" }, { "Sub", "Sub" }, { "Mul", "Mul" }, { "Div", "Div" }, { "Pow", "Pow" },
        { "Maximum", "Maximum" }, { "Minimum", "Minimum" },
        { "Eq", "Equal" }, { "Ne", "NotEqual" }, { "Lt", "Less" }, { "Le", "LessEqual" }, { "Gt", "Greater" }, { "Ge", "GreaterEqual" },
        { "LogicalAnd", "LogicalAnd" }, { "LogicalOr", "LogicalOr" },
    };

    [Theory]
    [MemberData(nameof(ErrorNames))]
    public void IncompatibleShapes_ThrowNamingOpAndShapes(string name, string shown)
    {
        var op = Find(name);
        var e = Assert.Throws<ArgumentException>(() => op.Run(Tensor.Zeros(2, 3), Tensor.Zeros(4)));
        Assert.Equal($"{shown}: cannot broadcast (2,3) with (4,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => op.Run(Tensor.Zeros(2, 1, 3), Tensor.Zeros(3, 2)));
        Assert.Equal($"{shown}: cannot broadcast (2,1,3) with (3,2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => op.Run(Tensor.Zeros(0), Tensor.Zeros(2)));
        Assert.Equal($"{shown}: cannot broadcast (0,) with (2,)", e.Message);
    }

    [Fact]
    public void IncompatibleShapes_OperatorsAndViews()
    {
        var e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(2, 3) + Tensor.Zeros(4));
        Assert.Equal("Add: cannot broadcast (2,3) with (4,)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(3, 2).T * Tensor.Zeros(3, 2));
        Assert.Equal("Mul: cannot broadcast (2,3) with (3,2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => Tensor.Zeros(4, 3)[new Slice(null, null, 2)] - Tensor.Zeros(3, 1));
        Assert.Equal("Sub: cannot broadcast (2,3) with (3,1)", e.Message);
    }

    /// <summary>
    /// x = zeros((2,0)); x[1:] + 1 is an empty (1,0) result in NumPy. A view whose offset lay past its empty
    /// storage once made every contiguous kernel throw when it took a span from that offset.
    /// </summary>
    [Fact]
    public void ZeroSizeViewWithOffsetPastStorage()
    {
        var v = Tensor.Zeros(2, 0)[new Slice(1, null)];
        Assert.Equal([1, 0], (v + 1).Shape);
        Assert.Equal([1, 0], v.Exp().Shape);
        Assert.Equal([1, 0], v.AsType(DType.Int32).Shape);
    }

    private static string Fmt(int[] s) => "(" + string.Join(",", s) + (s.Length == 1 ? ",)" : ")");
}
