using Nabla.Tensors;

namespace Nabla.Tests.Tensors;

/// <summary>Printing as NumPy's str() and repr() do; expected strings are NumPy's output for the same arrays.</summary>
public class FormatTests
{
    [Fact]
    public void MatrixOfWholeFloatsPrintsWithTrailingPoints()
    {
        var t = Tensor.FromArray(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal("[[1. 2.]\n [3. 4.]]", t.ToString());
        Assert.Equal("array([[1., 2.],\n       [3., 4.]], dtype=float32)", t.ToRepr());
    }

    [Theory]
    [InlineData(new[] { 0.1, 1.0 }, "[0.1 1. ]")]
    [InlineData(new[] { 1.5, 2.25, -3 }, "[ 1.5   2.25 -3.  ]")]
    [InlineData(new[] { 1e-5, 1000 }, "[1.e-05 1.e+03]")]
    [InlineData(new[] { 1.5e-5, 1000 }, "[1.5e-05 1.0e+03]")]
    [InlineData(new[] { 1.0 / 3, double.NaN, double.NegativeInfinity }, "[0.33333333        nan       -inf]")]
    [InlineData(new[] { 1e8, 1 }, "[1.e+08 1.e+00]")]
    [InlineData(new[] { 123.456, 0.5 }, "[123.456   0.5  ]")]
    public void FloatVectorsChooseNotationAndPaddingLikeNumPy(double[] values, string expected)
    {
        Assert.Equal(expected, Tensor.FromArray(values).ToString());
    }

    [Fact]
    public void Float32UsesItsOwnShortestDigits()
    {
        var t = Tensor.FromArray(new float[] { 0.1f, 0.2f, 1f / 3 });
        Assert.Equal("[0.1        0.2        0.33333334]", t.ToString());
        Assert.Equal("array([0.1       , 0.2       , 0.33333334], dtype=float32)", t.ToRepr());
    }

    [Fact]
    public void IntegersAndBoolsAlignRight()
    {
        Assert.Equal("[  1 -20   3]", Tensor.FromArray(new[] { 1, -20, 3 }).ToString());
        Assert.Equal("array([  1, -20,   3], dtype=int32)", Tensor.FromArray(new[] { 1, -20, 3 }).ToRepr());
        Assert.Equal("array([1, 2])", Tensor.FromArray(new long[] { 1, 2 }).ToRepr());
        Assert.Equal("[ True False]", Tensor.FromArray(new[] { true, false }).ToString());
    }

    [Fact]
    public void ScalarsPrintLikeNumPyScalars()
    {
        Assert.Equal("1.5", Tensor.Scalar(1.5).ToString());
        Assert.Equal("1.0", Tensor.Scalar(1.0, DType.Float32).ToString());
        Assert.Equal("1e-05", Tensor.Scalar(1e-5).ToString());
        Assert.Equal("3", Tensor.Scalar<int>(3).ToString());
        Assert.Equal("True", Tensor.Scalar(true).ToString());
        Assert.Equal("array(1.5)", Tensor.Scalar(1.5).ToRepr());
        Assert.Equal("array(1., dtype=float32)", Tensor.Scalar(1.0, DType.Float32).ToRepr());
    }

    [Fact]
    public void ThreeDimensionsSeparateBlocksWithABlankLine()
    {
        var t = Tensor.Arange(12).Reshape(2, 2, 3);
        Assert.Equal("[[[ 0  1  2]\n  [ 3  4  5]]\n\n [[ 6  7  8]\n  [ 9 10 11]]]", t.ToString());
    }

    [Fact]
    public void LongRowsWrapAtSeventyFiveColumns()
    {
        var t = Tensor.Arange(0, 20, 1.0, DType.Float64) / 7;
        string expected =
            "[0.         0.14285714 0.28571429 0.42857143 0.57142857 0.71428571\n" +
            " 0.85714286 1.         1.14285714 1.28571429 1.42857143 1.57142857\n" +
            " 1.71428571 1.85714286 2.         2.14285714 2.28571429 2.42857143\n" +
            " 2.57142857 2.71428571]";
        Assert.Equal(expected, t.ToString());
        Assert.All(t.ToRepr().Split('\n'), line => Assert.True(line.Length <= 75, line));
    }

    [Fact]
    public void LargeTensorsAreSummarised()
    {
        Assert.Equal("[   0    1    2 ... 1997 1998 1999]", Tensor.Arange(2000).ToString());
        string m = Tensor.Arange(10000).Reshape(100, 100).ToString();
        Assert.StartsWith("[[   0    1    2 ...   97   98   99]\n [ 100  101  102 ...  197  198  199]", m);
        Assert.Contains("\n ...\n", m);
        Assert.EndsWith(" [9900 9901 9902 ... 9997 9998 9999]]", m);
    }

    [Fact]
    public void EmptyTensorsNameTheirDType()
    {
        Assert.Equal("[]", Tensor.Zeros(0).ToString());
        Assert.Equal("array([], dtype=float32)", Tensor.Zeros(0).ToRepr());
        Assert.Equal("array([], shape=(0, 3), dtype=float32)", Tensor.Zeros(0, 3).ToRepr());
    }

    [Fact]
    public void NonContiguousViewsPrintTheirLogicalOrder()
    {
        var t = Tensor.FromArray(new long[,] { { 1, 2, 3 }, { 4, 5, 6 } }).T;
        Assert.Equal("[[1 4]\n [2 5]\n [3 6]]", t.ToString());
    }

    [Fact]
    public void AllCloseFollowsNumPyTolerances()
    {
        var a = Tensor.FromArray(new[] { 1.0, 2.0 });
        Assert.True(Tensor.AllClose(a, Tensor.FromArray(new[] { 1.0 + 1e-6, 2.0 })));
        Assert.False(Tensor.AllClose(a, Tensor.FromArray(new[] { 1.001, 2.0 })));
        Assert.True(Tensor.AllClose(a, Tensor.FromArray(new[] { 1.001, 2.0 }), rtol: 1e-2));
        Assert.True(Tensor.AllClose(a, Tensor.Scalar(1.5), atol: 0.6));
        var nan = Tensor.FromArray(new[] { double.NaN });
        Assert.False(Tensor.AllClose(nan, nan));
        Assert.True(Tensor.AllClose(nan, nan, equalNan: true));
        var ex = Assert.Throws<ArgumentException>(() => Tensor.AllClose(a, Tensor.Zeros(3)));
        Assert.Equal("AllClose: cannot broadcast (2,) with (3,)", ex.Message);
    }

    [Fact]
    public void ArrayEqualNeedsSameShapeAndValues()
    {
        var a = Tensor.FromArray(new[] { 1, 2 });
        Assert.True(Tensor.ArrayEqual(a, Tensor.FromArray(new[] { 1.0, 2.0 })));
        Assert.False(Tensor.ArrayEqual(a, Tensor.FromArray(new[] { 1, 3 })));
        Assert.False(Tensor.ArrayEqual(a, a.Reshape(1, 2)));
        var nan = Tensor.FromArray(new[] { double.NaN });
        Assert.False(Tensor.ArrayEqual(nan, nan));
    }
}
