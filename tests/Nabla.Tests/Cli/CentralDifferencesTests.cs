using Nabla.Cli;

namespace Nabla.Tests.Cli;

/// <summary>The numerical comparison column: central differences with extrapolation, on known derivatives.</summary>
public class CentralDifferencesTests
{
    [Theory]
    [InlineData(1, 1e-10)]
    [InlineData(2, 1e-8)]
    [InlineData(3, 1e-7)]
    [InlineData(4, 1e-6)]
    public void DerivativesOfSin_AtSeveralPoints(int order, double tolerance)
    {
        Func<double, double>[] exact = [Math.Sin, Math.Cos, x => -Math.Sin(x), x => -Math.Cos(x), Math.Sin];
        foreach (var x in new[] { -2.0, 0.3, 1.0, 5.0 })
            Assert.True(Math.Abs(CentralDifferences.Derivative(Math.Sin, x, order) - exact[order](x)) <= tolerance, $"order {order} at {x}");
    }

    [Fact]
    public void FastVaryingFunction_IsStillCaught()
    {
        // cos(40x): the first step (0.1) spans most of a period; the smaller starts fix that.
        double d = CentralDifferences.Derivative(x => Math.Cos(40 * x), 0.7);
        Assert.Equal(-40 * Math.Sin(28), d, 6);
    }

    [Fact]
    public void ProbesOutsideTheDomain_StepCloser()
    {
        Assert.Equal(1 / 0.05, CentralDifferences.Derivative(Math.Log, 0.05), 6);
    }

    [Fact]
    public void Difference_IsTheTextbookStencil()
    {
        // second difference: (f(x+h) − 2f(x) + f(x−h)) / h²
        double h = 0.1, x = 1;
        double expected = (Math.Exp(x + h) - 2 * Math.Exp(x) + Math.Exp(x - h)) / (h * h);
        Assert.Equal(expected, CentralDifferences.Difference(Math.Exp, x, 2, h), 12);
    }

    [Fact]
    public void BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CentralDifferences.Derivative(Math.Sin, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => CentralDifferences.Derivative(Math.Sin, 0, 1, -1));
    }
}
