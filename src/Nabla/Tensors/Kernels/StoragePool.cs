namespace Nabla.Tensors.Kernels;

/// <summary>
/// Large storage arrays kept for reuse. A fresh large array costs the runtime more than its use: it is
/// allocated on the large object heap, whose new pages the kernel must map and zero on first touch, and the
/// allocations drive full collections. Arrays come back only through <c>Return</c>, called where a temporary is
/// provably dead (inside a kernel, after its last use) or by a <see cref="TensorScope"/> that released every tensor
/// over it; nothing is reclaimed implicitly.
/// </summary>
/// <remarks>
/// Arrays are kept by exact length (a training loop repeats the same shapes), at most <see cref="PerLength"/>
/// of each, and only weakly: the next full collection frees whatever is still waiting here, so the pool never
/// holds memory past the point where the collector wants it back, and a process that stops using it keeps nothing.
/// </remarks>
internal static class StoragePool
{
    /// <summary>Smaller arrays live in the small object heap, whose young generation already reuses memory cheaply.</summary>
    public const int MinBytes = 85_000;

    // A W6-like step (five results and their gradients of one length) holds about ten at once.
    private const int PerLength = 16;

    private static readonly Dictionary<(Type, int), Stack<WeakReference<Array>>> buckets = [];

    // A Lock rather than the dictionary's monitor: the profile showed Monitor.Enter's slow path on every call.
    private static readonly Lock gate = new();

    /// <summary>Spent weak references, kept so that returning an array does not allocate a new GC handle.</summary>
    private static readonly Stack<WeakReference<Array>> spare = new();

    /// <summary>An array of <paramref name="length"/> elements of <paramref name="dtype"/>: <see cref="RentZeroed{T}"/> or <see cref="Rent{T}"/>.</summary>
    public static Array Rent(DType dtype, int length, bool zeroed) => dtype switch
    {
        DType.Float32 => zeroed ? RentZeroed<float>(length) : Rent<float>(length),
        DType.Float64 => zeroed ? RentZeroed<double>(length) : Rent<double>(length),
        DType.Int32 => zeroed ? RentZeroed<int>(length) : Rent<int>(length),
        DType.Int64 => zeroed ? RentZeroed<long>(length) : Rent<long>(length),
        DType.Bool => zeroed ? RentZeroed<bool>(length) : Rent<bool>(length),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), $"Tensor: unknown dtype {(int)dtype}"),
    };

    /// <summary>An array of <paramref name="length"/> elements with undefined contents: a kept one or a new uninitialized one.</summary>
    public static T[] Rent<T>(int length) where T : unmanaged
    {
        if (!IsLarge<T>(length)) return GC.AllocateUninitializedArray<T>(length);
        var array = TryTake<T>(length) ?? GC.AllocateUninitializedArray<T>(length);
        TensorScope.Allocated(array);
        return array;
    }

    /// <summary>An array of <paramref name="length"/> zeros: a kept one cleared, or a new one.</summary>
    public static T[] RentZeroed<T>(int length) where T : unmanaged
    {
        if (!IsLarge<T>(length)) return new T[length];
        var array = TryTake<T>(length);
        if (array is null) array = new T[length];
        else Array.Clear(array);
        TensorScope.Allocated(array);
        return array;
    }

    private static bool IsLarge<T>(int length) where T : unmanaged =>
        (long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() >= MinBytes;

    private static T[]? TryTake<T>(int length) where T : unmanaged
    {
        lock (gate)
        {
            if (buckets.TryGetValue((typeof(T), length), out var bucket))
                while (bucket.TryPop(out var handle))
                {
                    bool alive = handle.TryGetTarget(out var array);
                    handle.SetTarget(null!);
                    spare.Push(handle);
                    if (alive) return (T[])array!;
                }
        }
        return null;
    }

    /// <summary>
    /// Gives back the storage of <paramref name="tensor"/>. The caller guarantees that nothing else uses it: the tensor
    /// was made inside the caller, owns its whole storage, and has been neither returned nor stored, nor viewed by
    /// anything that outlives the call.
    /// </summary>
    public static void Return(Tensor tensor)
    {
        if (tensor.Storage is not Array array) return;
        if (tensor.Offset != 0 || array.Length != tensor.Size || Buffer.ByteLength(array) < MinBytes) return;
        TensorScope.Forget(array); // its user gave it back: no scope may hand it back a second time
        Return(array);
    }

    /// <summary>Gives back <paramref name="array"/>, which nothing uses any more (a <see cref="TensorScope"/> released every tensor over it).</summary>
    public static void Return(Array array)
    {
        if (Buffer.ByteLength(array) < MinBytes) return;
        lock (gate)
        {
            var key = (array.GetType().GetElementType()!, array.Length);
            if (!buckets.TryGetValue(key, out var bucket)) buckets[key] = bucket = new Stack<WeakReference<Array>>();
            if (bucket.Count >= PerLength) return;
            if (spare.TryPop(out var handle)) handle.SetTarget(array);
            else handle = new WeakReference<Array>(array);
            bucket.Push(handle);
        }
    }
}
