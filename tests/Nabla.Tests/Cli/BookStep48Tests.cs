using System.Globalization;
using Nabla.Cli;
using Nabla.Cli.Training;

namespace Nabla.Tests.Cli;

/// <summary>
/// <c>nabla train spiral --numpy-rng --book</c> reproduces DeZero's step 48. The reference losses are DeZero's
/// own step48.py (its avg_loss printed with repr) under Debian's NumPy 1.24.2. Data and initial weights are equal
/// bit for bit (see NumPyCompatibleDataTests); float32 sums in another order leave the losses a few units of float32
/// rounding apart, growing to about 2e-6 relative by epoch 300, hence the 1e-5 bound.
/// </summary>
[Collection("SimdLevel")] // the CLI sets the global thread limit
public class BookStep48Tests
{
    private static readonly (int Epoch, double Loss)[] DeZero =
    [
        (1, 1.1269415378570558), (2, 1.0461450517177582), (3, 0.9506376445293426), (10, 0.7900152504444122),
        (50, 0.6930600583553315), (100, 0.42710295915603635), (150, 0.25395775586366653),
        (200, 0.1779424585402012), (299, 0.12970913164317607), (300, 0.12958984449505806),
    ];

    [Fact]
    public void EpochLosses_AreDeZeros()
    {
        var losses = BookStep48.EpochLosses(300, numpyRng: true).ToArray();
        Assert.Equal(300, losses.Length);
        foreach (var (epoch, loss) in DeZero)
            Assert.True(Math.Abs(losses[epoch - 1] - loss) <= 1e-5 * loss, $"epoch {epoch}: Nabla {losses[epoch - 1]:R}, DeZero {loss:R}");
    }

    [Fact]
    public void WithoutNumPyRng_TheRecipeRunsButTheNumbersDiffer()
    {
        var losses = BookStep48.EpochLosses(3, numpyRng: false).ToArray();
        Assert.True(Math.Abs(losses[0] - DeZero[0].Loss) > 1e-4, $"first epoch {losses[0]:R}");
        Assert.All(losses, l => Assert.InRange(l, 0.5, 1.5));
    }

    [Fact]
    public void Cli_PrintsEachEpochInFullPrecision()
    {
        var output = new StringWriter();
        int code = CommandLine.Invoke(["train", "spiral", "--numpy-rng", "--book", "--epochs", "3"], output);
        Assert.Equal(0, code);
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.StartsWith("epoch 3, loss ", lines[3]);
        double first = double.Parse(lines[1]["epoch 1, loss ".Length..], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(first - DeZero[0].Loss) <= 1e-6, lines[1]);
    }

    [Fact]
    public void Cli_RejectsBookOnOtherDataSets_AndBadNumPySeeds()
    {
        Assert.Contains("--book", Assert.Throws<CliError>(() => CommandLine.Invoke(["train", "mnist", "--book"], TextWriter.Null)).Message);
        Assert.Contains("--numpy-rng", Assert.Throws<CliError>(() => CommandLine.Invoke(["train", "spiral", "--numpy-rng", "--seed", "-3"], TextWriter.Null)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => BookStep48.EpochLosses(0, true));
    }
}
