using Xunit.Abstractions;
using System.Text;

namespace Nabla.Tests.Fuzz;

/// <summary>How one input ended.</summary>
internal enum FuzzOutcome
{
    /// <summary>Loaded, and equal to what the independent reader of the test makes of the same bytes.</summary>
    Accepted,

    /// <summary>Refused with the parser's documented exception, naming the file.</summary>
    CleanError,

    /// <summary>Any other exception, or the documented one without the file's name.</summary>
    Crash,

    /// <summary>Not finished within the time limit.</summary>
    Hang,

    /// <summary>Loaded, but the independent reader refuses the bytes or reads other values.</summary>
    SilentAccept,

    /// <summary>Allocated more than a small multiple of the input's size.</summary>
    OverAllocation,
}

/// <summary>
/// Runs a parser over many inputs, each in a task with a time limit and with its allocations measured, and counts
/// the outcomes; the first few bad ones are kept with the mutation that made them, for the failure message.
/// </summary>
internal sealed class FuzzRun(string parser, TimeSpan limit)
{
    private readonly Dictionary<FuzzOutcome, int> counts = Enum.GetValues<FuzzOutcome>().ToDictionary(o => o, _ => 0);
    private readonly List<string> failures = [];
    private FuzzWorker? worker;

    public int Inputs { get; private set; }

    public int this[FuzzOutcome outcome] => counts[outcome];

    /// <summary>
    /// Runs <paramref name="parse"/> (which returns whether the independent reading agrees, or throws) on an input of
    /// <paramref name="size"/> bytes; <paramref name="isClean"/> says whether an exception is the documented one.
    /// </summary>
    public void Run(string what, long size, Func<bool> parse, Func<Exception, bool> isClean, byte[]? input = null)
    {
        Inputs++;
        long budget = (2L << 20) + 64 * size;
        var (outcome, detail, allocated) = Attempt(parse, isClean);
        // CI runs other test classes beside this one on two cores: a parse of a few hundred bytes once missed the
        // limit there, and passed at once when run alone. An input counts as a hang only if a second try misses it too.
        if (outcome is FuzzOutcome.Hang) (outcome, detail, allocated) = Attempt(parse, isClean);
        if (outcome is not FuzzOutcome.Hang && allocated > budget)
        {
            outcome = FuzzOutcome.OverAllocation;
            detail = $"{allocated} bytes allocated for {size} bytes of input ({(detail.Length == 0 ? "loaded" : detail)})";
        }
        counts[outcome]++;
        if (outcome is (FuzzOutcome.Crash or FuzzOutcome.Hang or FuzzOutcome.SilentAccept or FuzzOutcome.OverAllocation) && failures.Count < 5)
            failures.Add($"{outcome} after [{what}]: {detail}" + (input is { Length: <= 1024 } ? $"\n  input (base64): {Convert.ToBase64String(input)}" : ""));
    }

    /// <summary>
    /// One parse on the run's own thread, so that it never waits for a busy thread pool; the time limit counts from
    /// when the parse starts. A thread left in a hang is abandoned and the next parse gets a new one.
    /// </summary>
    private (FuzzOutcome Outcome, string Detail, long Allocated) Attempt(Func<bool> parse, Func<Exception, bool> isClean)
    {
        long allocated = 0;
        var result = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var started = new ManualResetEventSlim();
        worker ??= new FuzzWorker();
        worker.Post(() =>
        {
            started.Set();
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                result.SetResult(parse());
            }
            catch (Exception e)
            {
                result.SetException(e);
            }
            finally
            {
                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            }
        });
        started.Wait();
        try
        {
            if (!result.Task.Wait(limit))
            {
                worker = null;
                return (FuzzOutcome.Hang, "", 0);
            }
            return (result.Task.Result ? FuzzOutcome.Accepted : FuzzOutcome.SilentAccept, "", allocated);
        }
        catch (AggregateException e)
        {
            var inner = e.InnerException!;
            var outcome = isClean(inner) ? FuzzOutcome.CleanError : FuzzOutcome.Crash;
            string detail = $"{inner.GetType().Name}: {inner.Message}";
            if (outcome == FuzzOutcome.Crash) detail += "\n" + inner.StackTrace;
            return (outcome, detail, allocated);
        }
    }

    /// <summary>One line of counts, as the closing note of issue 15 reports them.</summary>
    public string Summary() =>
        $"{parser}: {Inputs} inputs, {counts[FuzzOutcome.CleanError]} clean errors, {counts[FuzzOutcome.Accepted]} accepted (equal to the reference), "
        + $"{counts[FuzzOutcome.Crash]} crashes, {counts[FuzzOutcome.Hang]} hangs, {counts[FuzzOutcome.SilentAccept]} silent accepts, "
        + $"{counts[FuzzOutcome.OverAllocation]} over-allocations";

    /// <summary>Fails the test unless every input was accepted correctly or refused cleanly; appends the counts to NABLA_FUZZ_REPORT when set.</summary>
    public void AssertClean(ITestOutputHelper output)
    {
        output.WriteLine(Summary());
        if (Environment.GetEnvironmentVariable("NABLA_FUZZ_REPORT") is { Length: > 0 } report)
            File.AppendAllText(report, Summary() + Environment.NewLine);
        int bad = counts[FuzzOutcome.Crash] + counts[FuzzOutcome.Hang] + counts[FuzzOutcome.SilentAccept] + counts[FuzzOutcome.OverAllocation];
        Assert.True(bad == 0, Summary() + "\n" + string.Join("\n", failures));
        Assert.True(counts[FuzzOutcome.CleanError] > 0, $"{parser}: no input was refused: the mutations do not reach the parser");
    }
}
