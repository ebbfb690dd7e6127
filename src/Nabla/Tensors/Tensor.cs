using System.Diagnostics;
using Nabla.Tensors.Backends;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors;

/// <summary>
/// An n-dimensional array with NumPy semantics: a runtime <see cref="DType"/>, a shape, and strides into a
/// shared storage on one <see cref="Tensors.Device"/> (a managed array on the CPU, a device buffer elsewhere).
/// Shape operations (reshape of contiguous data, transpose, slicing, broadcasting) return views that share
/// storage; every other operation returns a new contiguous tensor on the same device.
/// </summary>
public sealed partial class Tensor
{
    // Null once a TensorScope has released the storage; read through `storage`, which says so.
    private object? storageOrNull;
    private readonly int[] shape;
    private readonly int[] strides;
    private readonly int offset;

    internal Tensor(object storage, int[] shape, int[] strides, int offset, bool readOnly = false)
    {
        IsReadOnly = readOnly;
        storageOrNull = storage;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        DType = DTypeOf(storage);
        Size = ShapeUtil.Size(shape);
        IsContiguous = ComputeContiguous();
        if (storage is Array array && TensorScope.Current is not null) TensorScope.Track(this, array);
    }

    // The throw lives in its own method so that this getter, read by every operation, stays small enough to inline.
    private object storage => storageOrNull ?? Released();

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private object Released() => throw new ObjectDisposedException(nameof(Tensor),
        $"Tensor: this tensor of shape {ShapeUtil.Format(shape)} was released when the TensorScope it was made in ended; keep it with TensorScope.Keep, or read it inside the scope");

    /// <summary>Whether a <see cref="TensorScope"/> has released this tensor's storage.</summary>
    public bool IsReleased => storageOrNull is null;

    /// <summary>Called by the scope that hands this tensor's storage back.</summary>
    internal void MarkReleased() => storageOrNull = null;

    /// <summary>A new contiguous tensor that owns <paramref name="storage"/> (not copied).</summary>
    internal Tensor(object storage, int[] shape) : this(storage, shape, ShapeUtil.ContiguousStrides(shape), 0)
    {
        if (StorageLength != Size)
            throw new ArgumentException($"Tensor: {StorageLength} elements do not fill shape {ShapeUtil.Format(shape)}");
    }

    /// <summary>True for broadcast views and views of them: writing would change the shared source (NumPy makes them read-only too).</summary>
    public bool IsReadOnly { get; }

    /// <summary>The element type.</summary>
    public DType DType { get; }

    /// <summary>The number of elements.</summary>
    public int Size { get; }

    /// <summary>The number of dimensions (0 for a scalar).</summary>
    public int NDim => shape.Length;

    /// <summary>A copy of the shape.</summary>
    public int[] Shape => shape.AsSpan().ToArray();

    /// <summary>A copy of the strides, in elements.</summary>
    public int[] Strides => strides.AsSpan().ToArray();

    /// <summary>True when the elements lie in row-major order without gaps, so kernels can use one span.</summary>
    public bool IsContiguous { get; }

    /// <summary>The length of dimension <paramref name="axis"/> (negative counts from the end).</summary>
    public int Dim(int axis) => shape[ShapeUtil.NormalizeAxis(axis, NDim, "Dim")];

    internal ReadOnlySpan<int> ShapeSpan => shape;
    internal ReadOnlySpan<int> StrideSpan => strides;
    internal int Offset => offset;
    /// <summary>The shared storage: a managed array on the CPU, a <see cref="DeviceBuffer"/> elsewhere.</summary>
    internal object Storage => storage;

    /// <summary>The number of elements the storage holds (views may use fewer).</summary>
    internal int StorageLength => storage is Array array ? array.Length : ((DeviceBuffer)storage).Length;

    /// <summary>The device the storage is on.</summary>
    public Device Device => storage is DeviceBuffer buffer ? buffer.Device : Device.Cpu;

    /// <summary>The kernels of this tensor's device.</summary>
    internal IBackend Backend => storage is DeviceBuffer buffer ? buffer.Backend : CpuBackend.Instance;

    internal T[] Buffer<T>() where T : unmanaged =>
        storage as T[] ?? throw new InvalidOperationException($"Tensor: host access to a tensor on {Device}; call ToCpu() first");

    /// <summary>The elements of a contiguous tensor as one span.</summary>
    internal Span<T> Span<T>() where T : unmanaged
    {
        Debug.Assert(IsContiguous);
        return Buffer<T>().AsSpan(offset, Size);
    }

    internal string ShapeString => ShapeUtil.Format(shape);

    private static DType DTypeOf(object storage) => storage switch
    {
        DeviceBuffer buffer => buffer.DType,
        float[] => DType.Float32,
        double[] => DType.Float64,
        int[] => DType.Int32,
        long[] => DType.Int64,
        bool[] => DType.Bool,
        _ => throw new ArgumentException($"Tensor: storage of type {storage.GetType().Name} is not supported"),
    };

    private bool ComputeContiguous()
    {
        int expected = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            if (shape[i] != 1 && strides[i] != expected) return false;
            expected *= shape[i];
        }
        return true;
    }

    /// <summary>A tensor of zeros over fresh contiguous storage on the CPU.</summary>
    internal static Tensor Empty(DType dtype, int[] shape)
    {
        int size = ShapeUtil.Size(shape);
        return new Tensor(NewStorage(dtype, size), shape);
    }

    /// <summary>A tensor of zeros over fresh contiguous storage on <paramref name="device"/>.</summary>
    internal static Tensor Empty(DType dtype, int[] shape, Device device) =>
        device.IsCpu ? Empty(dtype, shape) : new Tensor(BackendRegistry.For(device).Allocate(dtype, ShapeUtil.Size(shape), zeroed: true), shape);

    /// <summary>
    /// Like <see cref="Empty(DType, int[])"/> but the storage is not zeroed (it may be a reused array, see <see cref="Kernels.StoragePool"/>):
    /// for results whose every element a kernel writes.
    /// </summary>
    internal static Tensor EmptyUninitialized(DType dtype, int[] shape) =>
        new(CpuBackend.Instance.Allocate(dtype, ShapeUtil.Size(shape), zeroed: false), shape);

    /// <summary>An uninitialized result on <paramref name="device"/>.</summary>
    internal static Tensor EmptyUninitialized(DType dtype, int[] shape, Device device) =>
        device.IsCpu ? EmptyUninitialized(dtype, shape) : new Tensor(BackendRegistry.For(device).Allocate(dtype, ShapeUtil.Size(shape), zeroed: false), shape);

    /// <summary>An uninitialized result on this tensor's device.</summary>
    internal Tensor NewUninitialized(DType dtype, int[] shape) => EmptyUninitialized(dtype, shape, Device);

    internal static Array NewStorage(DType dtype, int size) => StoragePool.Rent(dtype, size, zeroed: true);

    /// <summary>A view of the same storage with another shape and strides.</summary>
    internal Tensor View(int[] newShape, int[] newStrides, int newOffset, bool readOnly = false) =>
        new(storage, newShape, newStrides, newOffset, readOnly || IsReadOnly);

    /// <summary>A contiguous tensor with the same values (this one when it already is contiguous and starts at 0).</summary>
    public Tensor Contiguous() => IsContiguous ? this : Copy();

    /// <summary>A new contiguous tensor with a copy of the values.</summary>
    public Tensor Copy()
    {
        var result = NewUninitialized(DType, Shape);
        Backend.Copy(this, result);
        return result;
    }

    /// <summary>The flat offset in storage of the element at <paramref name="index"/>.</summary>
    internal int OffsetOf(ReadOnlySpan<int> index, string op)
    {
        if (index.Length != NDim)
            throw new ArgumentException($"{op}: {index.Length} indices given for a tensor of dimension {NDim}");
        int o = offset;
        for (int i = 0; i < index.Length; i++)
        {
            int k = index[i] < 0 ? index[i] + shape[i] : index[i];
            if (k < 0 || k >= shape[i])
                throw new IndexOutOfRangeException($"{op}: index {index[i]} is out of bounds for axis {i} with size {shape[i]}");
            o += k * strides[i];
        }
        return o;
    }

    /// <summary>A zero-dimensional view of the element at <paramref name="index"/>.</summary>
    private Tensor Element(int[] index, string op) => new(storage, [], [], OffsetOf(index, op), IsReadOnly);

    /// <summary>The element at <paramref name="index"/> as <typeparamref name="T"/> (dtype must match).</summary>
    public T Get<T>(params int[] index) where T : unmanaged
    {
        CheckDType<T>("Get");
        if (!Device.IsCpu) return ((T[])Backend.ToHost(Element(index, "Get")))[0];
        return Buffer<T>()[OffsetOf(index, "Get")];
    }

    /// <summary>Writes the element at <paramref name="index"/> (dtype must match).</summary>
    public void Set<T>(T value, params int[] index) where T : unmanaged
    {
        CheckDType<T>("Set");
        CheckWritable("Set");
        if (!Device.IsCpu)
        {
            Backend.Copy(Scalar(value).To(Device), Element(index, "Set"));
            return;
        }
        Buffer<T>()[OffsetOf(index, "Set")] = value;
    }

    /// <summary>The element at <paramref name="index"/> converted to double (true is 1).</summary>
    public double GetDouble(params int[] index)
    {
        if (!Device.IsCpu) return Tensor.FromHostArray(Backend.ToHost(Element(index, "GetDouble")), []).GetDouble();
        int o = OffsetOf(index, "GetDouble");
        return storage switch
        {
            float[] f => f[o],
            double[] d => d[o],
            int[] i => i[o],
            long[] l => l[o],
            bool[] b => b[o] ? 1.0 : 0.0,
            _ => throw new InvalidOperationException(),
        };
    }

    /// <summary>The only element of a one-element tensor, as double (like NumPy's <c>item()</c>).</summary>
    public double Item()
    {
        if (Size != 1)
            throw new InvalidOperationException($"Item: only a tensor of one element can be converted to a scalar, this one has shape {ShapeString}");
        return Reshape().GetDouble();
    }

    /// <summary>The only element of a one-element tensor, as <typeparamref name="T"/> (dtype must match).</summary>
    public T Item<T>() where T : unmanaged
    {
        CheckDType<T>("Item");
        if (Size != 1)
            throw new InvalidOperationException($"Item: only a tensor of one element can be converted to a scalar, this one has shape {ShapeString}");
        return Reshape().Get<T>();
    }

    /// <summary>The elements in row-major order, as a new array (dtype must match).</summary>
    public T[] ToArray<T>() where T : unmanaged
    {
        CheckDType<T>("ToArray");
        if (!Device.IsCpu) return (T[])Backend.ToHost(this);
        return Contiguous().Span<T>().ToArray();
    }

    /// <summary>
    /// Copies the elements in row-major order into <paramref name="destination"/>, which must hold exactly
    /// <see cref="Size"/> of them (dtype must match): <see cref="ToArray{T}"/> without a new array.
    /// </summary>
    public void CopyTo<T>(Span<T> destination) where T : unmanaged
    {
        CheckDType<T>("CopyTo");
        if (destination.Length != Size)
            throw new ArgumentException($"CopyTo: the destination holds {destination.Length} elements, the tensor of shape {ShapeString} has {Size}", nameof(destination));
        if (!Device.IsCpu) ((T[])Backend.ToHost(this)).CopyTo(destination);
        else Contiguous().Span<T>().CopyTo(destination);
    }

    /// <summary>The elements in row-major order converted to double.</summary>
    public double[] ToDoubleArray() => AsType(DType.Float64).ToArray<double>();

    internal void CheckDType<T>(string op) where T : unmanaged
    {
        var want = DTypeExtensions.Of<T>();
        if (want != DType)
            throw new InvalidOperationException($"{op}: tensor has dtype {DType.Name()}, not {want.Name()} ({typeof(T).Name})");
    }

    /// <summary>Throws, naming the operation, when this is a read-only (broadcast) view.</summary>
    internal void CheckWritable(string op)
    {
        bool overlapping = false;
        for (int i = 0; i < NDim; i++) overlapping |= strides[i] == 0 && shape[i] > 1;
        if (IsReadOnly || overlapping)
            throw new InvalidOperationException($"{op}: cannot write into a read-only broadcast view of shape {ShapeString}; call Copy() first");
    }
}
