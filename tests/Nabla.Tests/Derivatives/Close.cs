using Nabla.Tensors;

namespace Nabla.Tests.Derivatives;

/// <summary>Tensor comparisons whose failure message says how far apart the tensors are and where.</summary>
internal static class Close
{
    /// <summary>Asserts equal shapes and |actual − expected| ≤ atol + rtol·|expected| everywhere.</summary>
    public static void Assert(Tensor expected, Tensor actual, double rtol, double atol, string what)
    {
        Xunit.Assert.True(expected.Shape.SequenceEqual(actual.Shape),
            $"{what}: shape ({string.Join(",", actual.Shape)}) instead of ({string.Join(",", expected.Shape)})");
        var e = expected.ToDoubleArray();
        var a = actual.ToDoubleArray();
        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < e.Length; i++)
        {
            double excess = Math.Abs(a[i] - e[i]) - (atol + rtol * Math.Abs(e[i]));
            if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) (worst, worstExcess) = (i, excess);
        }
        Xunit.Assert.True(worst < 0,
            worst < 0 ? "" : $"{what}: element {worst} is {a[worst]:G17}, expected {e[worst]:G17} (|diff| {Math.Abs(a[worst] - e[worst]):G3}, rtol {rtol}, atol {atol})");
    }

    /// <summary>Asserts |actual − expected| ≤ atol + rtol·|expected| for numbers.</summary>
    public static void Assert(double expected, double actual, double rtol, double atol, string what) =>
        Xunit.Assert.True(Math.Abs(actual - expected) <= atol + rtol * Math.Abs(expected),
            $"{what}: {actual:G17}, expected {expected:G17} (|diff| {Math.Abs(actual - expected):G3})");

    /// <summary>The flat dot product of two tensors of one shape.</summary>
    public static double Dot(Tensor a, Tensor b) => a.ToDoubleArray().Zip(b.ToDoubleArray(), (x, y) => x * y).Sum();

    /// <summary>M·v for M of shape (m..., n...) and v of shape (n...): M flattened to (m, n) times v flattened.</summary>
    public static Tensor Apply(Tensor matrix, Tensor v, int[] resultShape)
    {
        int n = v.Size;
        var m = matrix.Reshape(-1, n);
        return Tensor.MatMul(m, v.Reshape(n, 1)).Reshape(resultShape);
    }

    /// <summary>uᵀ·M for M of shape (m..., n...) and u of shape (m...).</summary>
    public static Tensor ApplyLeft(Tensor u, Tensor matrix, int[] resultShape)
    {
        int m = u.Size;
        return Tensor.MatMul(u.Reshape(1, m), matrix.Reshape(m, -1)).Reshape(resultShape);
    }
}
