using Nabla.Cli;

namespace Nabla.Tests.Cli;

public class ArgReaderTests
{
    [Fact]
    public void ReadsPositionalsValuesAndFlags()
    {
        var r = new ArgReader("x", ["a", "--n", "3", "--lr=0.5", "--plain", "-1.5"], ["--n", "--lr"], ["--plain"]);
        Assert.Equal(["a", "-1.5"], r.Positionals);
        Assert.Equal(3, r.Int("--n", 0));
        Assert.Equal(0.5, r.Double("--lr", 0));
        Assert.True(r.Flag("--plain"));
        Assert.Equal(7, r.Int("--missing", 7));
    }

    [Fact]
    public void RejectsValuesOnFlags() =>
        Assert.Contains("takes no value", Assert.Throws<CliError>(() => new ArgReader("x", ["--plain=1"], [], ["--plain"])).Message);

    [Fact]
    public void RejectsNonFiniteNumbers() =>
        Assert.Contains("must be a number", Assert.Throws<CliError>(() => new ArgReader("x", ["--lr", "NaN"], ["--lr"], []).Double("--lr", 1)).Message);

    [Theory]
    [InlineData("--lr", "1", "--lr", "2")]
    [InlineData("--lr=1", "--lr", "2")]
    [InlineData("--plain", "--plain")]
    public void RejectsARepeatedOption(params string[] args) =>
        Assert.Contains("more than once", Assert.Throws<CliError>(() => new ArgReader("x", args, ["--lr"], ["--plain"])).Message);

    [Fact]
    public void RejectsANegativeValueWhereZeroIsTheLeast()
    {
        var r = new ArgReader("x", ["--wd", "-1"], ["--wd"], []);
        Assert.Contains("zero or positive, got -1", Assert.Throws<CliError>(() => r.Double("--wd", 0, nonNegative: true)).Message);
        Assert.Equal(0.0, new ArgReader("x", ["--wd", "0"], ["--wd"], []).Double("--wd", 1, nonNegative: true));
    }
}
