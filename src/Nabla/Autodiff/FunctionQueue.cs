using System.Diagnostics.CodeAnalysis;

namespace Nabla.Autodiff;

/// <summary>
/// The functions a backward pass has still to visit, newest generation first, each once (DeZero's <c>funcs</c> list
/// and <c>seen_set</c>). One is kept per thread so that a small graph's pass allocates neither table; a backward pass
/// started inside a backward rule finds it taken and gets a new one.
/// </summary>
internal sealed class FunctionQueue : IDisposable
{
    [ThreadStatic] private static FunctionQueue? cached;

    private readonly PriorityQueue<Function, int> queue = new();
    private readonly HashSet<Function> seen = new(FunctionIdentity.Instance);

    /// <summary>The thread's cached queue, or a new one when a pass is already using it; dispose to give it back.</summary>
    public static FunctionQueue Take()
    {
        var functions = cached ?? new FunctionQueue();
        cached = null;
        return functions;
    }

    /// <summary>Queues <paramref name="f"/> unless it is null (a leaf's creator) or was queued before.</summary>
    public void Add(Function? f)
    {
        if (f is not null && seen.Add(f)) queue.Enqueue(f, -f.Generation);
    }

    /// <summary>Takes the queued function of the newest generation.</summary>
    public bool TryPop([MaybeNullWhen(false)] out Function f) => queue.TryDequeue(out f, out _);

    /// <summary>Empties the queue and caches it for the thread's next pass.</summary>
    public void Dispose()
    {
        queue.Clear();
        seen.Clear();
        // A huge graph's tables are dropped rather than kept for the thread's lifetime.
        if (seen.Capacity > 1 << 16) return;
        cached = this;
    }

    /// <summary>Reference equality, hashed by <see cref="Function.Id"/>.</summary>
    private sealed class FunctionIdentity : IEqualityComparer<Function>
    {
        public static readonly FunctionIdentity Instance = new();
        public bool Equals(Function? a, Function? b) => ReferenceEquals(a, b);
        public int GetHashCode(Function f) => f.Id;
    }
}
