using System.Runtime.CompilerServices;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors;

/// <summary>
/// Hands the storage of the intermediate results made while it is open back for reuse when it ends, as TorchSharp's
/// <c>NewDisposeScope</c> does: a training step in a scope reuses the same large arrays step after step instead of
/// allocating fresh ones, whose pages the kernel must map and zero and which drive full collections.
/// </summary>
/// <remarks>
/// <para>What is released: the large (≥ 85 KB) CPU arrays allocated while the scope is open that hold the result of
/// a <c>Function</c> (a forward value, or a gradient made by a backward rule). Arrays made by plain tensor operations
/// (data, parameters, optimizer state), arrays a function passed through from its input (views), device buffers and
/// small arrays are left to the collector.</para>
/// <para>Every tensor over a released array, views included, is released with it: using one throws
/// <see cref="ObjectDisposedException"/>. Read what you need (a loss value, accuracy) before the scope ends, or
/// exempt a result with <see cref="Keep"/> (a recurrent layer's state carried to the next step).</para>
/// <para>Scopes nest and belong to the thread that began them; they end innermost first.</para>
/// </remarks>
public sealed class TensorScope : IDisposable
{
    [ThreadStatic] private static TensorScope? current;

    private readonly TensorScope? outer;
    private readonly Thread thread = Thread.CurrentThread;
    // The arrays allocated while this scope was the innermost, each with the tensors made over it since. Weak: a
    // scope never keeps an array alive, so even a long one holds no more memory than the program does.
    private readonly ConditionalWeakTable<Array, Entry> allocated = new();
    private readonly List<WeakReference<Array>> results = [];
    private bool disposed;

    /// <summary>What a scope knows of one array it saw allocated.</summary>
    private sealed class Entry
    {
        public readonly List<Tensor> Tensors = [];
        public bool IsResult;
    }

    private TensorScope(TensorScope? outer) => this.outer = outer;

    /// <summary>Opens a scope on this thread, inside the current one if any; end it with <see cref="Dispose"/>.</summary>
    public static TensorScope Begin() => current = new TensorScope(current);

    /// <summary>The innermost open scope of this thread, or null.</summary>
    public static TensorScope? Current => current;

    /// <summary>How many arrays this scope handed back when it ended (0 while it is open).</summary>
    public int ReleasedArrays { get; private set; }

    /// <summary>
    /// Exempts <paramref name="tensor"/>'s storage from every open scope of this thread, so it outlives them (the
    /// collector frees it as any other array); returns the tensor. Without an open scope it does nothing.
    /// </summary>
    public static Tensor Keep(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.Storage is Array array) Forget(array);
        return tensor;
    }

    /// <summary><see cref="Keep"/> for a value that may be null (which argument checks report).</summary>
    internal static Tensor Exempt(Tensor tensor)
    {
        if (current is not null && tensor?.Storage is Array array) Forget(array);
        return tensor!;
    }

    /// <summary>Releases the results made in this scope (see the remarks) and makes the enclosing scope current.</summary>
    public void Dispose()
    {
        if (disposed) return;
        if (Thread.CurrentThread != thread)
            throw new InvalidOperationException("TensorScope.Dispose: a scope ends on the thread that began it");
        if (current != this)
            throw new InvalidOperationException("TensorScope.Dispose: an inner scope is still open; scopes end innermost first");
        disposed = true;
        current = outer;
        foreach (var handle in results)
        {
            // Collected already (the program dropped it), kept, or given back since: nothing to hand back.
            if (!handle.TryGetTarget(out var array) || !allocated.TryGetValue(array, out var entry) || !entry.IsResult) continue;
            foreach (var tensor in entry.Tensors) tensor.MarkReleased();
            allocated.Remove(array);
            StoragePool.Return(array);
            ReleasedArrays++;
        }
        allocated.Clear();
        results.Clear();
    }

    /// <summary>Records a large array just allocated on this thread (StoragePool and fresh storage call this).</summary>
    internal static void Allocated(Array array) => current?.allocated.AddOrUpdate(array, new Entry());

    /// <summary>Records a tensor made over <paramref name="array"/>, so that it is released with it.</summary>
    internal static void Track(Tensor tensor, Array array)
    {
        if (Find(array) is { } entry) entry.Tensors.Add(tensor);
    }

    /// <summary>
    /// Marks <paramref name="result"/>, a value or gradient an autodiff operation computed (not a view of its operand),
    /// for release if this thread's scopes allocated its array; returns it.
    /// </summary>
    internal static Tensor MarkResult(Tensor result)
    {
        if (current is null || result.Storage is not Array array) return result;
        for (var scope = current; scope is not null; scope = scope.outer)
            if (scope.allocated.TryGetValue(array, out var entry))
            {
                if (!entry.IsResult) scope.results.Add(new WeakReference<Array>(array));
                entry.IsResult = true;
                break;
            }
        return result;
    }

    /// <summary>Drops <paramref name="array"/> from every open scope: it was kept, or given back to the pool by its user.</summary>
    internal static void Forget(Array array)
    {
        for (var scope = current; scope is not null; scope = scope.outer)
            if (scope.allocated.Remove(array)) return;
    }

    private static Entry? Find(Array array)
    {
        for (var scope = current; scope is not null; scope = scope.outer)
            if (scope.allocated.TryGetValue(array, out var entry)) return entry;
        return null;
    }
}
