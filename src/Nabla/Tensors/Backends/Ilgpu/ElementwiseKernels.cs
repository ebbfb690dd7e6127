using ILGPU;

namespace Nabla.Tensors.Backends.Ilgpu;

/// <summary>
/// Elementwise kernels, one thread per destination element (ILGPU's auto-grouped launches). Operands are read and
/// written through <see cref="View8"/>s over one coalesced <see cref="Layout8"/>, so broadcasting, transposed and
/// sliced views cost index arithmetic only, and contiguous operands reduce to rank 1.
/// </summary>
internal static class ElementwiseKernels
{
    public static void Copy<T>(Index1D i, ArrayView<T> dst, ArrayView<T> src, Layout8 l, View8 vd, View8 vs) where T : unmanaged
    {
        var x = l.Decompose(i);
        dst[vd.At(x)] = src[vs.At(x)];
    }

    public static void Convert<TS, TSA, TD, TDA>(Index1D i, ArrayView<TD> dst, ArrayView<TS> src, Layout8 l, View8 vd, View8 vs)
        where TS : unmanaged where TSA : struct, IArith<TS> where TD : unmanaged where TDA : struct, IArith<TD>
    {
        var x = l.Decompose(i);
        TS s = src[vs.At(x)];
        dst[vd.At(x)] = default(TSA).IsFloat ? default(TDA).FromDouble(default(TSA).ToDouble(s)) : default(TDA).FromLong(default(TSA).ToLong(s));
    }

    public static void Binary<T, TA>(Index1D i, ArrayView<T> dst, ArrayView<T> a, ArrayView<T> b, Layout8 l, View8 vd, View8 va, View8 vb, int op)
        where T : unmanaged where TA : struct, IArith<T>
    {
        var x = l.Decompose(i);
        dst[vd.At(x)] = default(TA).Binary(op, a[va.At(x)], b[vb.At(x)]);
    }

    public static void Compare<T, TA>(Index1D i, ArrayView<byte> dst, ArrayView<T> a, ArrayView<T> b, Layout8 l, View8 vd, View8 va, View8 vb, int op)
        where T : unmanaged where TA : struct, IArith<T>
    {
        var x = l.Decompose(i);
        dst[vd.At(x)] = default(TA).Compare(op, a[va.At(x)], b[vb.At(x)]) ? (byte)1 : (byte)0;
    }

    public static void Select<T>(Index1D i, ArrayView<T> dst, ArrayView<byte> c, ArrayView<T> a, ArrayView<T> b, Layout8 l, View8 vd, View8 vc, View8 va, View8 vb)
        where T : unmanaged
    {
        var x = l.Decompose(i);
        dst[vd.At(x)] = c[vc.At(x)] != 0 ? a[va.At(x)] : b[vb.At(x)];
    }

    /// <summary>Contiguous src and dst (views already offset).</summary>
    public static void Unary<T, TA>(Index1D i, ArrayView<T> dst, ArrayView<T> src, int op) where T : unmanaged where TA : struct, IArith<T> =>
        dst[i] = default(TA).Unary(op, src[i]);

    /// <summary>The fused activation backward: 0 ReLU gy·(x &gt; 0 ? 1 : 0), 1 Tanh gy·(1 − y·y), 2 Sigmoid gy·(y·(1 − y)); 3 is the sigmoid tanh(x·½)·½ + ½ of gy.</summary>
    public static void Activation<T, TA>(Index1D i, ArrayView<T> dst, ArrayView<T> gy, ArrayView<T> s, int op) where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        T one = m.FromDouble(1.0), zero = m.FromDouble(0.0), half = m.FromDouble(0.5);
        T g = gy[i];
        if (op == 3) { dst[i] = m.Add(m.Mul(m.Tanh(m.Mul(g, half)), half), half); return; }
        T v = s[i];
        dst[i] = op == 0 ? m.Mul(g, m.Greater(v, zero) ? one : zero)
            : op == 1 ? m.Mul(g, m.Sub(one, m.Mul(v, v)))
            : m.Mul(g, m.Mul(v, m.Sub(one, v)));
    }

    /// <summary>rows[k·rowSize + j] = src[idx[k]·rowSize + j].</summary>
    public static void TakeRows<T>(Index1D i, ArrayView<T> rows, ArrayView<T> src, ArrayView<int> idx, int rowSize) where T : unmanaged
    {
        int k = i / rowSize, j = i - k * rowSize;
        rows[i] = src[idx[k] * rowSize + j];
    }

    /// <summary>dst[i] = value.</summary>
    public static void Fill<T>(Index1D i, ArrayView<T> dst, T value) where T : unmanaged => dst[i] = value;

    /// <summary>flag[0] = 1 where the strided operand holds a zero (0) or a negative value (1): the checks integer Div and Pow need before they run.</summary>
    public static void Flag<T, TA>(Index1D i, ArrayView<int> flag, ArrayView<T> a, Layout8 l, View8 va, int negative)
        where T : unmanaged where TA : struct, IArith<T>
    {
        var m = default(TA);
        T v = a[va.At(l.Decompose(i))];
        T zero = m.FromLong(0);
        bool bad = negative != 0 ? m.Greater(zero, v) : !m.Greater(v, zero) && !m.Greater(zero, v);
        if (bad) flag[0] = 1;
    }
}
