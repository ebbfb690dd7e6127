namespace Nabla.Bench.Harness;

/// <summary>Times calls too short for one clock reading to mean much by repeating them for a minimum duration.</summary>
internal static class Repeat
{
    /// <summary>Milliseconds per call of <paramref name="action"/>, called until <paramref name="minMs"/> have passed (at least once).</summary>
    public static double MillisecondsPerCall(Action action, double minMs)
    {
        int calls = 0;
        var timer = Timer.Start();
        do
        {
            action();
            calls++;
        } while (timer.Milliseconds < minMs);
        return timer.Milliseconds / calls;
    }
}
