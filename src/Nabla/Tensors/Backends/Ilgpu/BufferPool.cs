using System.Collections.Concurrent;
using ILGPU.Runtime;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// Device buffers kept for reuse, a few per (dtype, length): a training loop allocates the same shapes every step,
/// and device allocation (cudaMalloc) is expensive and synchronizing. Buffers beyond the caps are disposed. Memory of
/// buffers collected by the GC arrives through <see cref="Orphan"/> (any thread) and is taken in on the next rent.
/// Every buffer stays referenced here until disposed. All kernels run on one stream, so memory returned while kernels
/// that use it are pending is safe to hand out: its next user's kernels run after them.
/// </summary>
internal sealed class BufferPool(long maxPooledBytes)
{
    private const int PerKey = 4;
    private readonly Lock gate = new();
    private readonly Dictionary<(DType, int), Stack<MemoryBuffer>> free = [];
    private readonly ConcurrentQueue<(DType, int, MemoryBuffer)> orphans = new();
    private readonly HashSet<MemoryBuffer> live = [];
    private long pooledBytes;

    /// <summary>Pooled memory of this dtype and length, or null.</summary>
    public MemoryBuffer? Rent(DType dtype, int length)
    {
        while (orphans.TryDequeue(out var o)) Return(o.Item1, o.Item2, o.Item3);
        lock (gate)
        {
            if (!free.TryGetValue((dtype, length), out var stack) || stack.Count == 0) return null;
            var m = stack.Pop();
            pooledBytes -= m.LengthInBytes;
            return m;
        }
    }

    public void Return(DType dtype, int length, MemoryBuffer memory)
    {
        lock (gate)
        {
            if (!free.TryGetValue((dtype, length), out var stack)) free[(dtype, length)] = stack = new Stack<MemoryBuffer>();
            if (stack.Count < PerKey && pooledBytes + memory.LengthInBytes <= maxPooledBytes)
            {
                stack.Push(memory);
                pooledBytes += memory.LengthInBytes;
                return;
            }
        }
        Dispose(memory);
    }

    /// <summary>
    /// Holds a new buffer until <see cref="Dispose"/>: ILGPU's buffers (a typed wrapper over native buffers) have
    /// finalizers, and one that ran when its IlgpuBuffer was collected would free memory the orphan queue still hands out.
    /// </summary>
    public void Track(MemoryBuffer memory)
    {
        lock (gate) live.Add(memory);
    }

    /// <summary>Called by a finalizer: only queues, so no device call happens on the finalizer thread.</summary>
    public void Orphan(DType dtype, int length, MemoryBuffer memory) => orphans.Enqueue((dtype, length, memory));

    /// <summary>Frees every pooled buffer (before retrying an allocation that ran out of device memory).</summary>
    public void Trim()
    {
        while (orphans.TryDequeue(out var o)) Dispose(o.Item3);
        List<MemoryBuffer> all;
        lock (gate)
        {
            all = free.Values.SelectMany(s => s).ToList();
            free.Clear();
            pooledBytes = 0;
        }
        foreach (var m in all) Dispose(m);
    }

    private void Dispose(MemoryBuffer memory)
    {
        GC.RemoveMemoryPressure(Math.Max(1, memory.LengthInBytes));
        lock (gate) live.Remove(memory);
        memory.Dispose();
    }
}
