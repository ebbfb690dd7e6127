namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>The values as NumPy's <c>str()</c> prints them, e.g. <c>[[1. 2.]\n [3. 4.]]</c>; large tensors are summarised.</summary>
    public override string ToString() => TensorFormatter.Str(this);

    /// <summary>The values as NumPy's <c>repr()</c> prints them, e.g. <c>array([1., 2.], dtype=float32)</c>.</summary>
    public string ToRepr() => TensorFormatter.Repr(this);

    /// <summary>
    /// True when both have the same shape (after broadcasting) and |a - b| &lt;= atol + rtol·|b| everywhere
    /// (NumPy's allclose); NaNs are equal only with <paramref name="equalNan"/>.
    /// </summary>
    public static bool AllClose(Tensor a, Tensor b, double rtol = 1e-5, double atol = 1e-8, bool equalNan = false)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var shape = ShapeUtil.Broadcast(a.shape, b.shape, "AllClose");
        var x = a.BroadcastTo(shape).ToDoubleArray();
        var y = b.BroadcastTo(shape).ToDoubleArray();
        for (int i = 0; i < x.Length; i++)
        {
            if (double.IsNaN(x[i]) || double.IsNaN(y[i]))
            {
                if (equalNan && double.IsNaN(x[i]) && double.IsNaN(y[i])) continue;
                return false;
            }
            if (x[i] == y[i]) continue;
            if (!(Math.Abs(x[i] - y[i]) <= atol + rtol * Math.Abs(y[i]))) return false;
        }
        return true;
    }

    /// <summary>True when both have exactly the same shape and values (NumPy's array_equal; dtypes may differ).</summary>
    public static bool ArrayEqual(Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (!ShapeUtil.SameShape(a.shape, b.shape)) return false;
        return a.ToCpu().Eq(b.ToCpu()).Sum().Item() == a.Size;
    }
}
