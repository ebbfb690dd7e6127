using Nabla.Tensors.Backends;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>a + b with broadcasting.</summary>
    public static Tensor Add(Tensor a, Tensor b) => Elementwise(BinaryOp.Add, a, b);

    /// <summary>a - b with broadcasting.</summary>
    public static Tensor Sub(Tensor a, Tensor b) => Elementwise(BinaryOp.Sub, a, b);

    /// <summary>a * b with broadcasting.</summary>
    public static Tensor Mul(Tensor a, Tensor b) => Elementwise(BinaryOp.Mul, a, b);

    /// <summary>a / b with broadcasting; true division, so integers give floats.</summary>
    public static Tensor Div(Tensor a, Tensor b) => Elementwise(BinaryOp.Div, a, b);

    /// <summary>a ** b with broadcasting.</summary>
    public static Tensor Pow(Tensor a, Tensor b) => Elementwise(BinaryOp.Pow, a, b);

    /// <summary>The elementwise larger value (NaN wins, as in NumPy).</summary>
    public static Tensor Maximum(Tensor a, Tensor b) => Elementwise(BinaryOp.Maximum, a, b);

    /// <summary>The elementwise smaller value (NaN wins, as in NumPy).</summary>
    public static Tensor Minimum(Tensor a, Tensor b) => Elementwise(BinaryOp.Minimum, a, b);

    /// <summary>This tensor to the power <paramref name="exponent"/>.</summary>
    public Tensor Pow(double exponent) => Pow(this, FloatScalar(this, exponent));

    /// <summary>This tensor to an integer power (integers stay integers).</summary>
    public Tensor Pow(int exponent) => Pow(this, IntScalar(this, exponent));

    /// <summary>Values limited to [min, max]; integer tensors stay integer when the bounds are whole numbers.</summary>
    public Tensor Clip(double min, double max)
    {
        if (min > max) throw new ArgumentException($"Clip: min ({min}) is greater than max ({max})");
        return Minimum(Maximum(this, BoundScalar(this, min)), BoundScalar(this, max));
    }

    /// <summary>Elementwise −x, in this dtype (Bool becomes Int32).</summary>
    public Tensor Neg() => Apply(UnaryOp.Neg);
    /// <summary>Elementwise |x|, in this dtype (Bool becomes Int32).</summary>
    public Tensor Abs() => Apply(UnaryOp.Abs);
    /// <summary>Elementwise sign of x: −1, 0 or 1, in this dtype (Bool becomes Int32).</summary>
    public Tensor Sign() => Apply(UnaryOp.Sign);
    /// <summary>Elementwise e^x; integer and Bool tensors give Float32.</summary>
    public Tensor Exp() => Apply(UnaryOp.Exp);
    /// <summary>Elementwise natural logarithm (NaN below 0, −∞ at 0); integer and Bool tensors give Float32.</summary>
    public Tensor Log() => Apply(UnaryOp.Log);
    /// <summary>Elementwise square root (NaN below 0); integer and Bool tensors give Float32.</summary>
    public Tensor Sqrt() => Apply(UnaryOp.Sqrt);
    /// <summary>Elementwise sine (radians); integer and Bool tensors give Float32.</summary>
    public Tensor Sin() => Apply(UnaryOp.Sin);
    /// <summary>Elementwise cosine (radians); integer and Bool tensors give Float32.</summary>
    public Tensor Cos() => Apply(UnaryOp.Cos);
    /// <summary>Elementwise tangent (radians); integer and Bool tensors give Float32.</summary>
    public Tensor Tan() => Apply(UnaryOp.Tan);
    /// <summary>Elementwise hyperbolic tangent; integer and Bool tensors give Float32.</summary>
    public Tensor Tanh() => Apply(UnaryOp.Tanh);

    /// <summary>Elementwise a == b as Bool.</summary>
    public Tensor Eq(Tensor other) => Comparison(CompareOp.Equal, this, other);
    /// <summary>Elementwise a != b as Bool.</summary>
    public Tensor Ne(Tensor other) => Comparison(CompareOp.NotEqual, this, other);
    /// <summary>Elementwise a &lt; b as Bool.</summary>
    public Tensor Lt(Tensor other) => Comparison(CompareOp.Less, this, other);
    /// <summary>Elementwise a &lt;= b as Bool.</summary>
    public Tensor Le(Tensor other) => Comparison(CompareOp.LessEqual, this, other);
    /// <summary>Elementwise a &gt; b as Bool.</summary>
    public Tensor Gt(Tensor other) => Comparison(CompareOp.Greater, this, other);
    /// <summary>Elementwise a &gt;= b as Bool.</summary>
    public Tensor Ge(Tensor other) => Comparison(CompareOp.GreaterEqual, this, other);

    /// <summary>Elementwise this == <paramref name="other"/> as Bool, the number taken in this tensor's float dtype (Float32 for an integer tensor).</summary>
    public Tensor Eq(double other) => Eq(FloatScalar(this, other));
    /// <summary>Elementwise this != <paramref name="other"/> as Bool, the number taken in this tensor's float dtype (Float32 for an integer tensor).</summary>
    public Tensor Ne(double other) => Ne(FloatScalar(this, other));
    /// <summary>Elementwise this &lt; <paramref name="other"/> as Bool, the number taken in this tensor's float dtype (Float32 for an integer tensor).</summary>
    public Tensor Lt(double other) => Lt(FloatScalar(this, other));
    /// <summary>Elementwise this &lt;= <paramref name="other"/> as Bool, the number taken in this tensor's float dtype (Float32 for an integer tensor).</summary>
    public Tensor Le(double other) => Le(FloatScalar(this, other));
    /// <summary>Elementwise this &gt; <paramref name="other"/> as Bool, the number taken in this tensor's float dtype (Float32 for an integer tensor).</summary>
    public Tensor Gt(double other) => Gt(FloatScalar(this, other));
    /// <summary>Elementwise this &gt;= <paramref name="other"/> as Bool, the number taken in this tensor's float dtype (Float32 for an integer tensor).</summary>
    public Tensor Ge(double other) => Ge(FloatScalar(this, other));

    /// <summary>Elementwise <c>condition ? x : y</c> with broadcasting of all three.</summary>
    public static Tensor Where(Tensor condition, Tensor x, Tensor y)
    {
        if (condition.DType != DType.Bool)
            throw new ArgumentException($"Where: condition must have dtype bool, got {condition.DType.Name()}");
        var shape = ShapeUtil.Broadcast(ShapeUtil.Broadcast(condition.shape, x.shape, "Where"), y.shape, "Where");
        var dtype = DTypeExtensions.Promote(x.DType, y.DType);
        var device = CommonDevice(condition, x, y);
        (condition, x, y) = (OperandOn("Where", condition, device), OperandOn("Where", x, device), OperandOn("Where", y, device));
        var result = EmptyUninitialized(dtype, shape, device);
        result.Backend.Select(condition, x.AsType(dtype), y.AsType(dtype), result);
        return result;
    }

    /// <summary>Elementwise logical not of a Bool tensor.</summary>
    public Tensor LogicalNot() => Eq(Scalar(false));

    /// <summary>Elementwise logical and (inputs are read as "not zero").</summary>
    public static Tensor LogicalAnd(Tensor a, Tensor b)
    {
        // Through Bool first: a float 0.5 truncates to the integer 0, and 65536 * 65536 wraps to 0 in Int32.
        ShapeUtil.Broadcast(a.shape, b.shape, "LogicalAnd");
        return Mul(a.AsType(DType.Bool).AsType(DType.Int32), b.AsType(DType.Bool).AsType(DType.Int32)).AsType(DType.Bool);
    }

    /// <summary>Elementwise logical or (inputs are read as "not zero").</summary>
    public static Tensor LogicalOr(Tensor a, Tensor b)
    {
        ShapeUtil.Broadcast(a.shape, b.shape, "LogicalOr");
        return Add(a.AsType(DType.Bool).AsType(DType.Int32), b.AsType(DType.Bool).AsType(DType.Int32)).AsType(DType.Bool);
    }

    /// <summary>Writes <paramref name="source"/> (broadcast and converted to this dtype) into this tensor or view.</summary>
    public void Assign(Tensor source)
    {
        CheckWritable("Assign");
        ShapeUtil.BroadcastStrides(source.shape, source.strides, shape, "Assign");
        var backend = Backend;
        source = OperandHere("Assign", source);
        var values = source.AsType(DType);
        // A source that shares storage with this view (x[1:] = x[:-1], m = m.T) would be read after being
        // overwritten; NumPy buffers such a source, and so do we.
        if (ReferenceEquals(values.storage, storage)) values = values.Copy();
        backend.Copy(values, this);
    }

    /// <summary>this += other in place (other broadcasts to this shape); the storage is shared with every view.</summary>
    public void AddInPlace(Tensor other)
    {
        CheckWritable("AddInPlace");
        if (DType == DType.Bool) throw new InvalidOperationException("AddInPlace: cannot add into a bool tensor");
        // NumPy's same_kind rule for in-place ufuncs: a float added into an integer tensor would be truncated silently.
        if (other.DType.IsFloat() && !DType.IsFloat())
            throw new InvalidOperationException($"AddInPlace: cannot add a {other.DType.Name()} tensor into an {DType.Name()} tensor");
        ShapeUtil.BroadcastStrides(other.shape, other.strides, shape, "AddInPlace");
        var backend = Backend;
        other = OperandHere("AddInPlace", other);
        var addend = other.AsType(DType);
        // As in Assign: an operand that shares storage (a += a.T) is read from a copy, as NumPy does.
        if (ReferenceEquals(addend.storage, storage)) addend = addend.Copy();
        backend.Binary(BinaryOp.Add, this, addend, this);
    }

    /// <summary>
    /// this += other for a writable contiguous float tensor and another of its dtype and device that broadcasts to
    /// its shape and shares no storage with it: the checks of <see cref="AddInPlace"/> already made by the caller.
    /// </summary>
    internal void AddInPlaceUnchecked(Tensor other) => Backend.Binary(BinaryOp.Add, this, other, this);

    /// <summary>a + b with broadcasting, as <see cref="Add"/>.</summary>
    public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);
    /// <summary>a - b with broadcasting, as <see cref="Sub"/>.</summary>
    public static Tensor operator -(Tensor a, Tensor b) => Sub(a, b);
    /// <summary>a * b with broadcasting, as <see cref="Mul"/>.</summary>
    public static Tensor operator *(Tensor a, Tensor b) => Mul(a, b);
    /// <summary>a / b with broadcasting (true division: integers give floats), as <see cref="Div"/>.</summary>
    public static Tensor operator /(Tensor a, Tensor b) => Div(a, b);
    /// <summary>−a, as <see cref="Neg"/>.</summary>
    public static Tensor operator -(Tensor a) => a.Neg();

    /// <summary>a + b, with b taken in a's float dtype (Float32 for an integer tensor, as in PyTorch).</summary>
    public static Tensor operator +(Tensor a, double b) => Add(a, FloatScalar(a, b));
    /// <summary>a + b, with a taken in b's float dtype (Float32 for an integer tensor, as in PyTorch).</summary>
    public static Tensor operator +(double a, Tensor b) => Add(FloatScalar(b, a), b);
    /// <summary>a - b, with b taken in a's float dtype (Float32 for an integer tensor, as in PyTorch).</summary>
    public static Tensor operator -(Tensor a, double b) => Sub(a, FloatScalar(a, b));
    /// <summary>a - b, with a taken in b's float dtype (Float32 for an integer tensor, as in PyTorch).</summary>
    public static Tensor operator -(double a, Tensor b) => Sub(FloatScalar(b, a), b);
    /// <summary>a * b, with b taken in a's float dtype (Float32 for an integer tensor, as in PyTorch).</summary>
    public static Tensor operator *(Tensor a, double b) => Mul(a, FloatScalar(a, b));
    /// <summary>a * b, with a taken in b's float dtype (Float32 for an integer tensor, as in PyTorch).</summary>
    public static Tensor operator *(double a, Tensor b) => Mul(FloatScalar(b, a), b);
    /// <summary>a / b, with b taken in a's float dtype (Float32 for an integer tensor, as in PyTorch).</summary>
    public static Tensor operator /(Tensor a, double b) => Div(a, FloatScalar(a, b));
    /// <summary>a / b, with a taken in b's float dtype (Float32 for an integer tensor, as in PyTorch).</summary>
    public static Tensor operator /(double a, Tensor b) => Div(FloatScalar(b, a), b);

    /// <summary>a + b, with b taken in a's dtype (Bool becomes Int32).</summary>
    public static Tensor operator +(Tensor a, int b) => Add(a, IntScalar(a, b));
    /// <summary>a + b, with a taken in b's dtype (Bool becomes Int32).</summary>
    public static Tensor operator +(int a, Tensor b) => Add(IntScalar(b, a), b);
    /// <summary>a - b, with b taken in a's dtype (Bool becomes Int32).</summary>
    public static Tensor operator -(Tensor a, int b) => Sub(a, IntScalar(a, b));
    /// <summary>a - b, with a taken in b's dtype (Bool becomes Int32).</summary>
    public static Tensor operator -(int a, Tensor b) => Sub(IntScalar(b, a), b);
    /// <summary>a * b, with b taken in a's dtype (Bool becomes Int32).</summary>
    public static Tensor operator *(Tensor a, int b) => Mul(a, IntScalar(a, b));
    /// <summary>a * b, with a taken in b's dtype (Bool becomes Int32).</summary>
    public static Tensor operator *(int a, Tensor b) => Mul(IntScalar(b, a), b);
    /// <summary>a / b, with b taken in a's dtype (Bool becomes Int32); true division, so the result is a float.</summary>
    public static Tensor operator /(Tensor a, int b) => Div(a, IntScalar(a, b));
    /// <summary>a / b, with a taken in b's dtype (Bool becomes Int32); true division, so the result is a float.</summary>
    public static Tensor operator /(int a, Tensor b) => Div(IntScalar(b, a), b);

    /// <summary>Elementwise a &lt; b as Bool, with broadcasting (<see cref="Lt(Tensor)"/>).</summary>
    public static Tensor operator <(Tensor a, Tensor b) => a.Lt(b);
    /// <summary>Elementwise a &gt; b as Bool, with broadcasting (<see cref="Gt(Tensor)"/>).</summary>
    public static Tensor operator >(Tensor a, Tensor b) => a.Gt(b);
    /// <summary>Elementwise a &lt;= b as Bool, with broadcasting (<see cref="Le(Tensor)"/>).</summary>
    public static Tensor operator <=(Tensor a, Tensor b) => a.Le(b);
    /// <summary>Elementwise a &gt;= b as Bool, with broadcasting (<see cref="Ge(Tensor)"/>).</summary>
    public static Tensor operator >=(Tensor a, Tensor b) => a.Ge(b);
    /// <summary>Elementwise a &lt; b as Bool (<see cref="Lt(double)"/>).</summary>
    public static Tensor operator <(Tensor a, double b) => a.Lt(b);
    /// <summary>Elementwise a &gt; b as Bool (<see cref="Gt(double)"/>).</summary>
    public static Tensor operator >(Tensor a, double b) => a.Gt(b);
    /// <summary>Elementwise a &lt;= b as Bool (<see cref="Le(double)"/>).</summary>
    public static Tensor operator <=(Tensor a, double b) => a.Le(b);
    /// <summary>Elementwise a &gt;= b as Bool (<see cref="Ge(double)"/>).</summary>
    public static Tensor operator >=(Tensor a, double b) => a.Ge(b);

    /// <summary>A Python float next to a tensor: keeps a float tensor's dtype, turns integers into Float32 (as PyTorch does).</summary>
    private static Tensor FloatScalar(Tensor like, double value) => Scalar(value, like.DType.ToFloat());

    /// <summary>A Python int next to a tensor: takes the tensor's dtype (Bool becomes Int32).</summary>
    private static Tensor IntScalar(Tensor like, int value) => Scalar(value, like.DType == DType.Bool ? DType.Int32 : like.DType);

    private static Tensor BoundScalar(Tensor like, double value) =>
        !like.DType.IsFloat() && Math.Floor(value) == value && Math.Abs(value) <= long.MaxValue
            ? Scalar(value, like.DType == DType.Bool ? DType.Int32 : like.DType)
            : FloatScalar(like, value);

    private static Tensor Elementwise(BinaryOp op, Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var outShape = ShapeUtil.Broadcast(a.shape, b.shape, Binary.Name(op));
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        if (dtype == DType.Bool) dtype = DType.Int32;
        if (op == BinaryOp.Div) dtype = dtype.ToFloat();
        var backend = BackendOf(Binary.Name(op), ref a, ref b);
        var result = EmptyUninitialized(dtype, outShape, backend.Device);
        var (ca, cb) = (a.AsType(dtype), b.AsType(dtype));
        backend.Binary(op, ca, cb, result);
        ReturnConverted(ca, a);
        ReturnConverted(cb, b);
        return result;
    }

    /// <summary>Recycles <paramref name="converted"/> when it is a copy made here of <paramref name="original"/> (another dtype or layout).</summary>
    private static void ReturnConverted(Tensor converted, Tensor original)
    {
        if (!ReferenceEquals(converted.storage, original.storage)) converted.Release();
    }

    private static Tensor Comparison(CompareOp op, Tensor a, Tensor b)
    {
        var outShape = ShapeUtil.Broadcast(a.shape, b.shape, Compare.Name(op));
        var dtype = DTypeExtensions.Promote(a.DType, b.DType);
        if (dtype == DType.Bool) dtype = DType.Int32;
        var backend = BackendOf(Compare.Name(op), ref a, ref b);
        var result = EmptyUninitialized(DType.Bool, outShape, backend.Device);
        backend.Compare(op, a.AsType(dtype), b.AsType(dtype), result);
        return result;
    }

    private Tensor Apply(UnaryOp op)
    {
        var dtype = DType == DType.Bool ? DType.Int32 : DType;
        if (Unary.IsFloatOnly(op)) dtype = dtype.ToFloat();
        var input = AsType(dtype).Contiguous();
        var result = NewUninitialized(dtype, Shape);
        Backend.Unary(op, input, result);
        ReturnConverted(input, this);
        return result;
    }
}
