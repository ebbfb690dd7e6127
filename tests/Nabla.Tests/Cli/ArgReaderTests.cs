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
}
