namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>
    /// A tensor with a copy of a C# array of any rank (<c>float[,]</c>, <c>double[]</c>, <c>int[,,]</c>, <c>bool[]</c>, ...);
    /// the dtype follows the element type.
    /// </summary>
    public static Tensor FromArray(Array values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var dims = new int[values.Rank];
        for (int i = 0; i < dims.Length; i++) dims[i] = values.GetLength(i);
        var elementType = values.GetType().GetElementType()!;
        if (elementType != typeof(float) && elementType != typeof(double) && elementType != typeof(int)
            && elementType != typeof(long) && elementType != typeof(bool))
            throw new ArgumentException($"FromArray: element type {elementType.Name} is not supported (use float, double, int, long or bool)");
        var storage = Array.CreateInstance(elementType, values.Length);
        System.Buffer.BlockCopy(values, 0, storage, 0, System.Buffer.ByteLength(values));
        return new Tensor(storage, dims);
    }

    /// <summary>A tensor of the given shape with a copy of <paramref name="values"/> in row-major order.</summary>
    public static Tensor FromSpan<T>(ReadOnlySpan<T> values, params int[] shape) where T : unmanaged
    {
        int size = ShapeUtil.Size(shape, "FromSpan");
        if (size != values.Length)
            throw new ArgumentException($"FromSpan: {values.Length} values do not fill shape {ShapeUtil.Format(shape)} ({size} elements)");
        DTypeExtensions.Of<T>();
        return new Tensor(values.ToArray(), (int[])shape.Clone());
    }

    /// <summary>A 0-d tensor holding <paramref name="value"/>.</summary>
    public static Tensor Scalar(double value, DType dtype = DType.Float64) => dtype switch
    {
        // The conversions of AsType (Kernels.Convert), without a Float64 tensor first: scalars are made on every operator with a number.
        DType.Float64 => new Tensor(new[] { value }, []),
        DType.Float32 => new Tensor(new[] { (float)value }, []),
        DType.Int32 => new Tensor(new[] { int.CreateSaturating(value) }, []),
        DType.Int64 => new Tensor(new[] { long.CreateSaturating(value) }, []),
        DType.Bool => new Tensor(new[] { value != 0 }, []),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), $"Scalar: unknown dtype {(int)dtype}"),
    };

    /// <summary>A 0-d tensor holding <paramref name="value"/> with the dtype of <typeparamref name="T"/>.</summary>
    public static Tensor Scalar<T>(T value) where T : unmanaged => FromSpan<T>([value]);

    /// <summary>Zeros of the given shape (<see cref="DefaultFloatDType"/>, Float32 unless set).</summary>
    public static Tensor Zeros(params int[] shape) => Zeros(DefaultFloatDType, shape);

    /// <summary>Zeros of the given shape and dtype.</summary>
    public static Tensor Zeros(DType dtype, params int[] shape) => Empty(dtype, Checked(shape, "Zeros"));

    /// <summary>Ones of the given shape (<see cref="DefaultFloatDType"/>, Float32 unless set).</summary>
    public static Tensor Ones(params int[] shape) => Ones(DefaultFloatDType, shape);

    /// <summary>Ones of the given shape and dtype.</summary>
    public static Tensor Ones(DType dtype, params int[] shape) => Filled(shape, 1.0, dtype, "Ones");

    /// <summary>A tensor of the given shape filled with <paramref name="value"/> (<see cref="DefaultFloatDType"/> unless <paramref name="dtype"/> is given).</summary>
    public static Tensor Full(int[] shape, double value, DType? dtype = null) => Filled(shape, value, dtype ?? DefaultFloatDType, "Full");

    // Full under the caller's name, so that a bad shape given to Ones is reported as Ones.
    private static Tensor Filled(int[] shape, double value, DType dtype, string op)
    {
        var result = EmptyUninitialized(dtype, Checked(shape, op));
        result.Fill(value);
        return result;
    }

    /// <summary>Zeros with the shape and dtype of <paramref name="like"/>.</summary>
    public static Tensor ZerosLike(Tensor like) => Empty(like.DType, like.Shape, like.Device);

    /// <summary>Ones with the shape and dtype of <paramref name="like"/>.</summary>
    public static Tensor OnesLike(Tensor like) => Full(like.Shape, 1.0, like.DType).To(like.Device);

    /// <summary><paramref name="value"/> with the shape and dtype of <paramref name="like"/>.</summary>
    public static Tensor FullLike(Tensor like, double value) => Full(like.Shape, value, like.DType).To(like.Device);

    /// <summary>Writes <paramref name="value"/> into every element (also through a view).</summary>
    public void Fill(double value)
    {
        CheckWritable("Fill");
        Backend.Copy(Scalar(value, DType).To(Device), this);
    }

    /// <summary>Values start, start+step, ... below stop (NumPy's arange) as floats (<see cref="DefaultFloatDType"/> unless told).</summary>
    public static Tensor Arange(double start, double stop, double step = 1, DType? dtype = null)
    {
        long n = ArangeCount(start, stop, step);
        var values = new double[n];
        for (long i = 0; i < n; i++) values[i] = start + i * step;
        return FromSpan<double>(values, (int)n).AsType(dtype ?? DefaultFloatDType);
    }

    /// <summary>Integers start, start+step, ... below stop as Int64 (as NumPy gives for integer arguments).</summary>
    public static Tensor Arange(long start, long stop, long step = 1)
    {
        long n = ArangeCount(start, stop, step);
        var values = new long[n];
        for (long i = 0; i < n; i++) values[i] = start + i * step;
        return new Tensor(values, [(int)n]);
    }

    /// <summary>0, 1, ..., stop-1 as Int64.</summary>
    public static Tensor Arange(long stop) => Arange(0, stop);

    private static long ArangeCount(double start, double stop, double step)
    {
        if (step == 0) throw new ArgumentException("Arange: step must not be zero");
        if (!double.IsFinite(start) || !double.IsFinite(stop) || !double.IsFinite(step))
            throw new ArgumentException($"Arange: arguments must be finite (start={start}, stop={stop}, step={step})");
        double n = Math.Ceiling((stop - start) / step);
        if (n > Array.MaxLength) throw new ArgumentException($"Arange: {n} elements are too many");
        return Math.Max(0, (long)n);
    }

    /// <summary><paramref name="num"/> evenly spaced values from start to stop (NumPy's linspace), <see cref="DefaultFloatDType"/> unless told.</summary>
    public static Tensor Linspace(double start, double stop, int num, bool endpoint = true, DType? dtype = null)
    {
        if (num < 0) throw new ArgumentException($"Linspace: number of samples must be non-negative, got {num}");
        var values = new double[num];
        int div = endpoint ? num - 1 : num;
        double step = div > 0 ? (stop - start) / div : 0;
        for (int i = 0; i < num; i++) values[i] = start + i * step;
        if (endpoint && num > 1) values[num - 1] = stop;
        return FromSpan<double>(values, num).AsType(dtype ?? DefaultFloatDType);
    }

    /// <summary>An n×m matrix with ones on diagonal k (0 main, positive above, negative below).</summary>
    public static Tensor Eye(int n, int? m = null, int k = 0, DType? dtype = null)
    {
        int cols = m ?? n;
        if (n < 0 || cols < 0) throw new ArgumentException($"Eye: negative dimension in shape ({n},{cols})");
        var result = Zeros(dtype ?? DefaultFloatDType, n, cols);
        for (int i = 0; i < n; i++)
        {
            int j = i + k;
            if (j >= 0 && j < cols) result.SetDouble(1.0, i, j);
        }
        return result;
    }

    /// <summary>Uniform samples in [0, 1) (<see cref="DefaultFloatDType"/>).</summary>
    public static Tensor Rand(Generator rng, params int[] shape) => Rand(rng, DefaultFloatDType, shape);

    /// <summary>Uniform samples in [0, 1) of the given dtype.</summary>
    public static Tensor Rand(Generator rng, DType dtype, params int[] shape) =>
        // Float32 samples take 24 bits (as NumPy's Generator does): a 53-bit double just below 1 would round up to
        // 1.0f. NumPy's legacy rand has no float32 path, so a NumPy-compatible generator draws doubles and casts.
        Sample(rng, shape, dtype, "Rand", dtype == DType.Float32 && rng?.IsNumPyCompatible != true ? r => (r.NextUInt64() >> 40) * (1.0 / (1 << 24)) : r => r.NextDouble());

    /// <summary>Standard normal samples (<see cref="DefaultFloatDType"/>).</summary>
    public static Tensor Randn(Generator rng, params int[] shape) => Randn(rng, DefaultFloatDType, shape);

    /// <summary>Standard normal samples of the given dtype.</summary>
    public static Tensor Randn(Generator rng, DType dtype, params int[] shape) => Sample(rng, shape, dtype, "Randn", r => r.NextNormal());

    /// <summary>Uniform integers in [low, high) (Int64 by default).</summary>
    public static Tensor RandInt(Generator rng, long low, long high, int[] shape, DType dtype = DType.Int64)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (high <= low) throw new ArgumentException($"RandInt: low ({low}) must be less than high ({high})");
        int size = ShapeUtil.Size(Checked(shape, "RandInt"), "RandInt");
        var values = new long[size];
        for (int i = 0; i < size; i++) values[i] = rng.NextInt64(low, high);
        return new Tensor(values, (int[])shape.Clone()).AsType(dtype);
    }

    private static Tensor Sample(Generator rng, int[] shape, DType dtype, string op, Func<Generator, double> next)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (!dtype.IsFloat()) throw new ArgumentException($"{op}: dtype must be float32 or float64, got {dtype.Name()}");
        int size = ShapeUtil.Size(Checked(shape, op), op);
        var values = new double[size];
        for (int i = 0; i < size; i++) values[i] = next(rng);
        return new Tensor(values, (int[])shape.Clone()).AsType(dtype);
    }

    private static int[] Checked(int[] shape, string op)
    {
        ArgumentNullException.ThrowIfNull(shape);
        foreach (int d in shape)
            if (d < 0) throw new ArgumentException($"{op}: negative dimension in shape {ShapeUtil.Format(shape)}");
        return shape.AsSpan().ToArray();
    }

    /// <summary>Writes the element at <paramref name="index"/> converted from double.</summary>
    public void SetDouble(double value, params int[] index)
    {
        CheckWritable("SetDouble");
        if (!Device.IsCpu)
        {
            Backend.Copy(Scalar(value, DType).To(Device), Element(index, "SetDouble"));
            return;
        }
        int o = OffsetOf(index, "SetDouble");
        switch (storage)
        {
            case float[] f: f[o] = (float)value; break;
            case double[] d: d[o] = value; break;
            case int[] i: i[o] = (int)value; break;
            case long[] l: l[o] = (long)value; break;
            case bool[] b: b[o] = value != 0; break;
        }
    }

    /// <summary>This tensor's values converted to <paramref name="dtype"/> (this tensor itself when the dtype already matches).</summary>
    public Tensor AsType(DType dtype)
    {
        if (dtype == DType) return this;
        var result = NewUninitialized(dtype, Shape);
        Backend.Convert(this, result);
        return result;
    }
}
