namespace Nabla.Tensors.Kernels;

/// <summary>
/// Large storage arrays kept for reuse. A fresh large array costs the runtime more than its use: it is
/// allocated on the large object heap, whose new pages the kernel must map and zero on first touch, and the
/// allocations drive full collections. Arrays come back only through <see cref="Return"/>, called where a
/// temporary is provably dead (inside a kernel, after its last use); nothing is reclaimed implicitly.
/// </summary>
/// <remarks>
/// Arrays are kept by exact length (a training loop repeats the same shapes), at most
/// <see cref="PerLength"/> of each and <see cref="MaxBytes"/> in all. Arrays not asked for between two full
/// collections are dropped, so an idle process does not hold memory it no longer uses.
/// </remarks>
internal static class StoragePool
{
    /// <summary>Smaller arrays live in the small object heap, whose young generation already reuses memory cheaply.</summary>
    public const int MinBytes = 85_000;

    private const int PerLength = 8;
    private const long MaxBytes = 256L << 20;

    private static readonly Dictionary<(Type, int), Bucket> buckets = [];
    private static long pooledBytes;

    static StoragePool() => _ = new Trimmer();

    private sealed class Bucket
    {
        public readonly Stack<Array> Arrays = new();
        public bool UsedSinceTrim;
    }

    /// <summary>An array of <paramref name="length"/> elements with undefined contents: a kept one or a new uninitialized one.</summary>
    public static T[] Rent<T>(int length) where T : unmanaged
    {
        if ((long)length * System.Runtime.CompilerServices.Unsafe.SizeOf<T>() < MinBytes) return GC.AllocateUninitializedArray<T>(length);
        lock (buckets)
        {
            if (buckets.TryGetValue((typeof(T), length), out var bucket))
            {
                bucket.UsedSinceTrim = true;
                if (bucket.Arrays.TryPop(out var array))
                {
                    pooledBytes -= Bytes(array);
                    return (T[])array;
                }
            }
        }
        return GC.AllocateUninitializedArray<T>(length);
    }

    /// <summary>
    /// Gives back the storage of <paramref name="tensor"/>. The caller guarantees that nothing else uses it: the tensor
    /// was made inside the caller, owns its whole storage, and has been neither returned nor stored, nor viewed by
    /// anything that outlives the call.
    /// </summary>
    public static void Return(Tensor tensor)
    {
        var array = tensor.Storage;
        if (tensor.Offset != 0 || array.Length != tensor.Size || Bytes(array) < MinBytes) return;
        lock (buckets)
        {
            var key = (array.GetType().GetElementType()!, array.Length);
            if (!buckets.TryGetValue(key, out var bucket)) buckets[key] = bucket = new Bucket { UsedSinceTrim = true };
            if (bucket.Arrays.Count >= PerLength || pooledBytes + Bytes(array) > MaxBytes) return;
            bucket.Arrays.Push(array);
            pooledBytes += Bytes(array);
        }
    }

    private static long Bytes(Array array) => Buffer.ByteLength(array);

    /// <summary>After each full collection: drops the arrays of every length that nobody asked for since the previous one.</summary>
    private static void Trim()
    {
        lock (buckets)
        {
            List<(Type, int)>? unused = null;
            foreach (var (key, bucket) in buckets)
            {
                if (!bucket.UsedSinceTrim) (unused ??= []).Add(key);
                bucket.UsedSinceTrim = false;
            }
            if (unused is null) return;
            foreach (var key in unused)
            {
                foreach (var array in buckets[key].Arrays) pooledBytes -= Bytes(array);
                buckets.Remove(key);
            }
        }
    }

    /// <summary>Its finalizer runs once per full (gen 2) collection, then re-registers itself.</summary>
    private sealed class Trimmer
    {
        ~Trimmer()
        {
            if (Environment.HasShutdownStarted) return;
            Trim();
            GC.ReRegisterForFinalize(this);
        }
    }
}
