using Nabla.Autodiff;
using Nabla.Tensors;
using Nabla.Tests.Autodiff;
using Xunit;

namespace Nabla.Tests.Tensors;

/// <summary>NumPy's paired advanced indexing (several integer arrays), reading, writing, scatter-add and its gradient.</summary>
public class PairedIndexingTests
{
    private static Tensor Arange(params int[] shape) => Tensor.Arange(0, shape.Aggregate(1, (a, b) => a * b)).AsType(DType.Float64).Reshape(shape);

    private static Tensor R(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), DType.Float64, shape);

    private static readonly int[] Rows = [0, 1, 1, 2, 0];
    private static readonly int[] Cols = [2, 0, 0, 1, 2];

    [Fact]
    public void TheBooksExample()
    {
        // np.arange(12).reshape(3, 4)[[0, 1, 1, 2, 0], [2, 0, 0, 1, 2]]
        var y = Arange(3, 4)[Rows, Cols];
        Assert.Equal([5], y.Shape);
        Assert.Equal(new double[] { 2, 4, 4, 9, 2 }, y.ToArray<double>());
    }

    [Fact]
    public void PlacementFollowsNumPy()
    {
        var x = Arange(2, 3, 4);
        var leading = x[new[] { 0, 1 }, new[] { 2, 0 }];
        Assert.Equal([2, 4], leading.Shape);
        Assert.Equal(new double[] { 8, 9, 10, 11, 12, 13, 14, 15 }, leading.ToArray<double>());
        var inner = x[.., new[] { 0, 2 }, new[] { 1, 3 }];
        Assert.Equal([2, 2], inner.Shape);
        Assert.Equal(new double[] { 1, 11, 13, 23 }, inner.ToArray<double>());
        // Not adjacent: the index shape goes first.
        var apart = x[new[] { 0, 1 }, .., new[] { 1, 3 }];
        Assert.Equal([2, 3], apart.Shape);
        Assert.Equal(new double[] { 1, 5, 9, 15, 19, 23 }, apart.ToArray<double>());
        // An integer among the arrays pairs with them too.
        var withInt = x[1, new[] { 2, 0 }, new[] { 3, 3 }];
        Assert.Equal(new double[] { 23, 15 }, withInt.ToArray<double>());
    }

    [Fact]
    public void ArraysBroadcastTogetherAndNegativesCountFromTheEnd()
    {
        var x = Arange(3, 4);
        var y = x[Tensor.FromArray(new long[,] { { 0 }, { 2 } }), new[] { 1, 3 }];
        Assert.Equal([2, 2], y.Shape);
        Assert.Equal(new double[] { 1, 3, 9, 11 }, y.ToArray<double>());
        Assert.Equal(11.0, x[new[] { -1 }, new[] { -1 }].Item());
    }

    [Fact]
    public void BadIndicesAreRefusedNamingTheValues()
    {
        var x = Arange(3, 4);
        var e = Assert.Throws<IndexOutOfRangeException>(() => x[new[] { 0, 3 }, new[] { 0, 0 }]);
        Assert.Contains("index 3 is out of bounds for axis 0 with size 3", e.Message);
        var m = Assert.Throws<IndexOutOfRangeException>(() => x[new[] { 0, 1, 2 }, new[] { 0, 1 }]);
        Assert.Contains("could not be broadcast together with shapes", m.Message);
        Assert.Contains("(3", m.Message);
        Assert.Throws<IndexOutOfRangeException>(() => Tensor.Zeros(DType.Float64, 3, 4).AddAt(Tensor.Ones(DType.Float64, 2), new[] { 0, 1 }, new[] { 0, 4 }));
    }

    [Fact]
    public void ScatterAddAccumulatesRepeatsAndSettingKeepsTheLast()
    {
        var g = Tensor.Zeros(DType.Float64, 3, 4);
        g.AddAt(Tensor.FromArray(new double[] { 1, 2, 3, 4, 5 }), Rows, Cols);
        var expected = new double[12];
        expected[2] = 1 + 5;
        expected[4] = 2 + 3;
        expected[9] = 4;
        Assert.Equal(expected, g.ToArray<double>());
        var s = Tensor.Zeros(DType.Float64, 3, 4);
        s[Rows, Cols] = Tensor.FromArray(new double[] { 1, 2, 3, 4, 5 });
        Assert.Equal(5.0, s[0, 2].Item());
        Assert.Equal(3.0, s[1, 0].Item());
        // Rows of a 3-D tensor, with a broadcast value.
        var t = Tensor.Zeros(DType.Float64, 2, 3, 4);
        t.AddAt(Tensor.Ones(DType.Float64, 4), new[] { 1, 1 }, new[] { 2, 2 });
        Assert.Equal(8.0, t.Sum().Item());
        Assert.Equal(2.0, t[1, 2, 3].Item());
    }

    [Fact]
    public void GradientScatterAddsAndForwardModeTakes()
    {
        GradCheck.Assert(v => v[0][Rows, Cols] * R(9, 5), R(1, 3, 4));
        GradCheck.Assert(v => v[0][new[] { 0, 1, 0 }, .., new[] { 1, 2, 1 }] * R(9, 3, 3), R(2, 2, 3, 4));
        GradCheck.Assert(v => v[0][.., new[] { 0, 2, 2 }, new[] { 1, 3, 3 }] * R(9, 2, 3, 2), R(3, 2, 3, 4, 2));
        GradCheck.AssertSecond(v => (v[0] * v[0] * v[0])[Rows, Cols], R(4, 3, 4));
    }

    [Fact]
    public void RepeatedIndicesAccumulateInTheGradient()
    {
        var x = new Variable(Arange(3, 4));
        F.Sum(x[Rows, Cols]).Backward();
        var expected = new double[12];
        expected[2] = 2;
        expected[4] = 2;
        expected[9] = 1;
        Assert.Equal(expected, x.Grad!.Data.ToArray<double>());
    }
}
