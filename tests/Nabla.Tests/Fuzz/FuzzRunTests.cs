namespace Nabla.Tests.Fuzz;

/// <summary>The fuzz harness itself: it must still see a real hang, and not mistake one stalled try for one.</summary>
public class FuzzRunTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void A_parse_that_never_finishes_counts_as_a_hang()
    {
        var run = new FuzzRun("test", Limit);
        using var never = new ManualResetEventSlim();
        run.Run("blocked", 1, () => never.Wait(TimeSpan.FromSeconds(5)), _ => true);
        never.Set();
        Assert.Equal(1, run[FuzzOutcome.Hang]);
        Assert.Throws<Xunit.Sdk.TrueException>(() => run.AssertClean(new NullOutput()));
    }

    [Fact]
    public void A_parse_that_stalls_once_and_then_finishes_is_judged_by_its_second_try()
    {
        var run = new FuzzRun("test", Limit);
        int tries = 0;
        run.Run("stalls once", 1, () =>
        {
            if (Interlocked.Increment(ref tries) == 1) Thread.Sleep(TimeSpan.FromSeconds(1));
            throw new InvalidDataException("refused");
        }, e => e is InvalidDataException);
        Assert.Equal(0, run[FuzzOutcome.Hang]);
        Assert.Equal(1, run[FuzzOutcome.CleanError]);
        Assert.Equal(2, tries);
    }

    [Fact]
    public void An_unexpected_exception_is_a_crash_and_a_false_agreement_a_silent_accept()
    {
        var run = new FuzzRun("test", TimeSpan.FromSeconds(10));
        run.Run("crash", 1, () => throw new IndexOutOfRangeException(), e => e is InvalidDataException);
        run.Run("disagrees", 1, () => false, _ => true);
        run.Run("agrees", 1, () => true, _ => true);
        Assert.Equal(1, run[FuzzOutcome.Crash]);
        Assert.Equal(1, run[FuzzOutcome.SilentAccept]);
        Assert.Equal(1, run[FuzzOutcome.Accepted]);
    }

    private sealed class NullOutput : Xunit.Abstractions.ITestOutputHelper
    {
        public void WriteLine(string message) { }

        public void WriteLine(string format, params object[] args) { }
    }
}
