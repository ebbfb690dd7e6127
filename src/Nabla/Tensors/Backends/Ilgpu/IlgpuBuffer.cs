using ILGPU;
using ILGPU.Runtime;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// Device memory of one tensor storage. Bool is stored as one byte per element (ILGPU views need blittable
/// element types). The memory goes back to the backend's <see cref="BufferPool"/> when the storage is released,
/// or when this object is garbage collected: its finalizer hands the memory to the pool's queue of orphans
/// instead of freeing it on the finalizer thread, where no CUDA context is bound.
/// </summary>
internal sealed class IlgpuBuffer : DeviceBuffer
{
    private readonly BufferPool pool;
    private MemoryBuffer? memory;

    public IlgpuBuffer(IlgpuBackend backend, BufferPool pool, DType dtype, int length, MemoryBuffer memory) : base(backend, dtype, length)
    {
        this.pool = pool;
        this.memory = memory;
    }

    ~IlgpuBuffer()
    {
        var m = memory;
        if (m is not null) pool.Orphan(DType, Length, m);
    }

    /// <summary>The memory, typed; throws when the storage was released (a use after the caller proved it dead).</summary>
    public ArrayView<T> View<T>() where T : unmanaged =>
        ((MemoryBuffer1D<T, Stride1D.Dense>)(memory ?? throw new ObjectDisposedException(nameof(IlgpuBuffer), "Tensor: storage used after release"))).View
            .SubView(0, Length);

    /// <summary>Gives the memory back to the pool; later uses of this buffer throw.</summary>
    public void Release()
    {
        var m = Interlocked.Exchange(ref memory, null);
        if (m is null) return;
        GC.SuppressFinalize(this);
        pool.Return(DType, Length, m);
    }
}
