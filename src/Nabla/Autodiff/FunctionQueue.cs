using System.Diagnostics.CodeAnalysis;

namespace Nabla.Autodiff;

/// <summary>
/// The functions a backward pass has still to visit, newest generation first, each once (DeZero's <c>funcs</c> list
/// and <c>seen_set</c>). One is kept per thread so that a small graph's pass allocates nothing; a backward pass
/// started inside a backward rule finds it taken and gets a new one.
/// </summary>
/// <remarks>
/// The thread's queue marks each function it queues with the pass's number (<see cref="Function.QueuedPass"/>) instead
/// of keeping a set: a set's Clear zeroes all its buckets, so after one large graph (W4's 5,000 nodes) every later
/// small pass paid for them, and hashing cost W4 more than the walk itself. A pass inside a backward rule uses a set,
/// so that it never overwrites the marks of the pass around it.
/// </remarks>
internal sealed class FunctionQueue : IDisposable
{
    [ThreadStatic] private static FunctionQueue? cached;
    [ThreadStatic] private static bool inUse; // the thread's queue serves a pass now
    private static int lastPass;

    private readonly PriorityQueue<Function, int> queue = new();
    private HashSet<Function>? seen; // only for a pass inside another (see the remarks)
    private int pass;                // the number this pass marks its functions with, else 0

    /// <summary>The thread's cached queue, or a new one when a pass is already using it; dispose to give it back.</summary>
    public static FunctionQueue Take()
    {
        if (inUse) return new FunctionQueue { seen = new HashSet<Function>(FunctionIdentity.Instance) };
        inUse = true;
        var functions = cached ??= new FunctionQueue();
        functions.pass = Interlocked.Increment(ref lastPass);
        if (functions.pass == 0) functions.pass = Interlocked.Increment(ref lastPass); // 0 marks nothing
        return functions;
    }

    /// <summary>Queues <paramref name="f"/> unless it is null (a leaf's creator) or was queued before.</summary>
    public void Add(Function? f)
    {
        if (f is null) return;
        if (seen is null)
        {
            if (f.QueuedPass == pass) return;
            f.QueuedPass = pass;
        }
        else if (!seen.Add(f)) return;
        queue.Enqueue(f, -f.Generation);
    }

    /// <summary>Takes the queued function of the newest generation.</summary>
    public bool TryPop([MaybeNullWhen(false)] out Function f) => queue.TryDequeue(out f, out _);

    /// <summary>Empties the queue and gives it back for the thread's next pass.</summary>
    public void Dispose()
    {
        queue.Clear();
        if (seen is not null) return; // a nested pass's queue
        inUse = false;
        pass = 0;
        // A huge graph's table is dropped rather than kept for the thread's lifetime.
        if (queue.EnsureCapacity(0) > 1 << 16) cached = null;
    }

    /// <summary>Reference equality, hashed by <see cref="Function.Id"/>.</summary>
    private sealed class FunctionIdentity : IEqualityComparer<Function>
    {
        public static readonly FunctionIdentity Instance = new();
        public bool Equals(Function? a, Function? b) => ReferenceEquals(a, b);
        public int GetHashCode(Function f) => f.Id;
    }
}
