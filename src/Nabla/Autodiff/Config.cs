namespace Nabla.Autodiff;

/// <summary>
/// Switches that change how functions run: whether the graph is recorded (backprop) and whether layers
/// such as Dropout and BatchNorm are in training mode. Both are per thread and async flow, and every
/// scope restores the previous value when disposed, even when an exception flies.
/// </summary>
public static class Config
{
    private static readonly AsyncLocal<bool> noGrad = new();
    private static readonly AsyncLocal<bool> testMode = new();

    /// <summary>True unless inside <see cref="NoGrad"/>: functions record themselves on their outputs.</summary>
    public static bool EnableBackprop => !noGrad.Value;

    /// <summary>True unless inside <see cref="TestMode"/>.</summary>
    public static bool Train => !testMode.Value;

    /// <summary>Within the returned scope no graph is recorded (inference, optimizer updates).</summary>
    public static IDisposable NoGrad() => new Scope(noGrad, true);

    /// <summary>Within the returned scope layers behave as in evaluation (Dropout is the identity, BatchNorm uses running averages).</summary>
    public static IDisposable TestMode() => new Scope(testMode, true);

    /// <summary>A scope that records the graph again, e.g. for a backward pass with <c>createGraph</c>.</summary>
    internal static IDisposable EnableGrad() => new Scope(noGrad, false);

    private sealed class Scope : IDisposable
    {
        private readonly AsyncLocal<bool> flag;
        private readonly bool previous;
        private bool disposed;

        public Scope(AsyncLocal<bool> flag, bool value)
        {
            this.flag = flag;
            previous = flag.Value;
            flag.Value = value;
        }

        public void Dispose()
        {
            if (disposed) return;
            disposed = true;
            flag.Value = previous;
        }
    }
}
