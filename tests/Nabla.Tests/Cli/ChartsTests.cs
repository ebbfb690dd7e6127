using Nabla.Cli.Training;

namespace Nabla.Tests.Cli;

public class ChartsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(20, 1)]
    [InlineData(21, 2)]
    [InlineData(50, 5)]
    [InlineData(100, 10)]
    [InlineData(300, 50)]
    [InlineData(5000, 500)]
    public void EpochTicksStayAboutTenApart(int epochs, int step)
    {
        Assert.Equal(step, Charts.EpochTickStep(epochs));
        Assert.True(epochs <= 20 || epochs / step <= 10);
    }
}
