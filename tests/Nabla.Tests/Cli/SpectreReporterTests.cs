using Nabla.Cli.Training;
using Spectre.Console.Testing;

namespace Nabla.Tests.Cli;

/// <summary>
/// The live display of <c>nabla train</c> on an interactive ANSI console: each epoch's bar is cleared before its row is
/// printed, nothing is reprinted after the last row, and an epoch cut short shows the fraction it reached.
/// </summary>
public class SpectreReporterTests
{
    private const string EraseLine = "\u001b[2K";

    private static string Train(int epochs, int steps, int stopAfter)
    {
        using var console = new TestConsole().Interactive().EmitAnsiSequences().SupportsAnsi(true).Width(120);
        var reporter = new SpectreReporter(console);
        reporter.Run(progress =>
        {
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                progress.StartEpoch(epoch, epochs, steps);
                int last = epoch == epochs ? stopAfter : steps;
                for (int step = 1; step <= last; step++) progress.Step(step, 0.5 + epoch, 0.25, 1000);
                progress.EndEpoch(completed: last == steps);
                if (last == steps) reporter.EpochDone(new EpochResult(epoch, 0.1111 * epoch, 0.5, 0.0123 * epoch, 0.75, 1.5));
            }
        });
        reporter.Info("after training");
        return console.Output;
    }

    [Fact]
    public void EachBarIsClearedBeforeItsEpochsRow()
    {
        var output = Train(epochs: 3, steps: 4, stopAfter: 4);
        int previousRow = 0;
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            var bar = output.LastIndexOf($"epoch {epoch}/3 loss {0.5 + epoch:F4}", StringComparison.Ordinal);
            var row = output.IndexOf($"{0.1111 * epoch:F4}", StringComparison.Ordinal);
            Assert.True(bar > previousRow, $"epoch {epoch}'s bar is drawn after the previous row");
            Assert.True(row > bar, $"epoch {epoch}'s row comes after its bar");
            int erase = output.IndexOf(EraseLine, bar, StringComparison.Ordinal);
            Assert.True(erase > bar && erase < row, $"epoch {epoch}'s bar is erased before its row is printed");
            previousRow = row;
        }
        // One header, and after the last row only the info line: no bar drawn again under the table.
        Assert.Single(output.Split("test acc").Skip(1));
        var tail = output[previousRow..];
        Assert.DoesNotContain("loss 3.5000", tail);
        Assert.DoesNotContain("%", tail.Replace("75.00 %", "").Replace("50.00 %", ""));
        Assert.Contains("after training", tail);
    }

    [Fact]
    public void AnInterruptedEpochShowsTheFractionItReached()
    {
        var output = Train(epochs: 2, steps: 4, stopAfter: 1);
        Assert.Contains("epoch 2/2 interrupted at 25% (1 of 4 batches)", output);
        var lastBar = output[output.LastIndexOf("epoch 2/2 loss", StringComparison.Ordinal)..];
        Assert.DoesNotContain("100%", lastBar);
        Assert.Contains("25%", lastBar);
    }

    [Fact]
    public void TheInterruptedLineSaysWhereTheEpochStopped()
    {
        Assert.Equal("epoch 3/5 interrupted at 42% (17 of 40 batches)", SpectreReporter.Interrupted(3, 5, 17, 40));
        Assert.Equal("epoch 1/1 interrupted at 0% (0 of 0 batches)", SpectreReporter.Interrupted(1, 1, 0, 0));
    }
}
