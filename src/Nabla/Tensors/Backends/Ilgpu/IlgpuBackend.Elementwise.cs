using ILGPU;
using ILGPU.Runtime;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors.Backends.Ilgpu;

internal sealed partial class IlgpuBackend
{
    public void Copy(Tensor src, Tensor dst)
    {
        using var scope = gate.EnterScope();
        switch (dst.DType)
        {
            case DType.Float32: Copy<float>(src, dst); break;
            case DType.Float64: Copy<double>(src, dst); break;
            case DType.Int32: Copy<int>(src, dst); break;
            case DType.Int64: Copy<long>(src, dst); break;
            default: Copy<byte>(src, dst); break;
        }
    }

    private void Copy<T>(Tensor src, Tensor dst) where T : unmanaged
    {
        Span<View8> v = stackalloc View8[2];
        var l = Strided.Build(dst.ShapeSpan, [dst.Strides, Strided.BroadcastStrides(src, dst.ShapeSpan, "Copy")], [dst.Offset, src.Offset], v, "Copy");
        if (dst.Size == 0) return;
        var k = Kernel("copy", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, Layout8, View8, View8>(ElementwiseKernels.Copy));
        k(dst.Size, View<T>(dst), View<T>(src), l, v[0], v[1]);
    }

    public void Convert(Tensor src, Tensor dst)
    {
        using var scope = gate.EnterScope();
        if (src.DType == dst.DType) { Copy(src, dst); return; }
        switch (src.DType)
        {
            case DType.Float32: ConvertFrom<float, Float32Arith>(src, dst); break;
            case DType.Float64: ConvertFrom<double, Float64Arith>(src, dst); break;
            case DType.Int32: ConvertFrom<int, Int32Arith>(src, dst); break;
            case DType.Int64: ConvertFrom<long, Int64Arith>(src, dst); break;
            default: ConvertFrom<byte, BoolArith>(src, dst); break;
        }
    }

    private void ConvertFrom<TS, TSA>(Tensor src, Tensor dst) where TS : unmanaged where TSA : struct, IArith<TS>
    {
        switch (dst.DType)
        {
            case DType.Float32: Convert<TS, TSA, float, Float32Arith>(src, dst); break;
            case DType.Float64: Convert<TS, TSA, double, Float64Arith>(src, dst); break;
            case DType.Int32: Convert<TS, TSA, int, Int32Arith>(src, dst); break;
            case DType.Int64: Convert<TS, TSA, long, Int64Arith>(src, dst); break;
            default: Convert<TS, TSA, byte, BoolArith>(src, dst); break;
        }
    }

    private void Convert<TS, TSA, TD, TDA>(Tensor src, Tensor dst)
        where TS : unmanaged where TSA : struct, IArith<TS> where TD : unmanaged where TDA : struct, IArith<TD>
    {
        if (dst.Size == 0) return;
        Span<View8> v = stackalloc View8[2];
        var l = Strided.Build(dst.ShapeSpan, [dst.Strides, Strided.BroadcastStrides(src, dst.ShapeSpan, "AsType")], [dst.Offset, src.Offset], v, "AsType");
        var k = Kernel("convert", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<TD>, ArrayView<TS>, Layout8, View8, View8>(
            ElementwiseKernels.Convert<TS, TSA, TD, TDA>));
        k(dst.Size, View<TD>(dst), View<TS>(src), l, v[0], v[1]);
    }

    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor dst)
    {
        using var scope = gate.EnterScope();
        switch (dst.DType)
        {
            case DType.Float32: Binary<float, Float32Arith>(op, a, b, dst); break;
            case DType.Float64: Binary<double, Float64Arith>(op, a, b, dst); break;
            case DType.Int32: CheckIntegerOperand<int, Int32Arith>(op, b, dst); Binary<int, Int32Arith>(op, a, b, dst); break;
            case DType.Int64: CheckIntegerOperand<long, Int64Arith>(op, b, dst); Binary<long, Int64Arith>(op, a, b, dst); break;
            default: throw new ArgumentException($"{Kernels.Binary.Name(op)}: dtype {dst.DType.Name()} is not supported");
        }
    }

    private void Binary<T, TA>(BinaryOp op, Tensor a, Tensor b, Tensor dst) where T : unmanaged where TA : struct, IArith<T> =>
        TwoOperands("binary", static acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, Layout8, View8, View8, View8, int>(
            ElementwiseKernels.Binary<T, TA>), Kernels.Binary.Name(op), (int)op, a, b, dst);

    /// <summary>Launches a kernel of two broadcast operands into <paramref name="dst"/> (Binary's, Compare's) with operation code <paramref name="op"/>.</summary>
    private void TwoOperands<TOut, T>(string kernel, Func<Accelerator, Action<Index1D, ArrayView<TOut>, ArrayView<T>, ArrayView<T>, Layout8, View8, View8, View8, int>> load,
        string name, int op, Tensor a, Tensor b, Tensor dst) where TOut : unmanaged where T : unmanaged
    {
        Span<View8> v = stackalloc View8[3];
        var l = TwoOperandLayout(a, b, dst, v, name);
        if (dst.Size == 0) return;
        Kernel(kernel, load)(dst.Size, View<TOut>(dst), View<T>(a), View<T>(b), l, v[0], v[1], v[2], op);
    }

    /// <summary>The layout of <paramref name="dst"/> and the strides of <paramref name="a"/> and <paramref name="b"/> broadcast to it, into <paramref name="v"/>.</summary>
    private static Layout8 TwoOperandLayout(Tensor a, Tensor b, Tensor dst, Span<View8> v, string name) =>
        Strided.Build(dst.ShapeSpan, [dst.Strides, Strided.BroadcastStrides(a, dst.ShapeSpan, name), Strided.BroadcastStrides(b, dst.ShapeSpan, name)],
            [dst.Offset, a.Offset, b.Offset], v, name);

    /// <summary>
    /// Kernels cannot throw, so the CPU's errors for integer division by zero and negative integer powers are found
    /// by a flag kernel first (which waits for the device; integer Div and Pow are rare on a GPU).
    /// </summary>
    private void CheckIntegerOperand<T, TA>(BinaryOp op, Tensor b, Tensor dst) where T : unmanaged where TA : struct, IArith<T>
    {
        if (op is not (BinaryOp.Div or BinaryOp.Pow) || b.Size == 0 || dst.Size == 0) return;
        Span<View8> v = stackalloc View8[1];
        var l = Strided.Build(b.ShapeSpan, [b.Strides], [b.Offset], v, Kernels.Binary.Name(op));
        var flag = (IlgpuBuffer)Allocate(DType.Int32, 1, zeroed: true);
        var k = Kernel("flag", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<int>, ArrayView<T>, Layout8, View8, int>(ElementwiseKernels.Flag<T, TA>));
        k(b.Size, flag.View<int>(), View<T>(b), l, v[0], op == BinaryOp.Pow ? 1 : 0);
        var result = new int[1];
        flag.View<int>().CopyToCPU(result);
        flag.Release();
        if (result[0] == 0) return;
        if (op == BinaryOp.Div) throw new DivideByZeroException("Div: integer division by zero");
        throw new ArgumentException("Pow: integers to negative integer powers are not allowed");
    }

    public void Unary(UnaryOp op, Tensor src, Tensor dst)
    {
        using var scope = gate.EnterScope();
        switch (dst.DType)
        {
            case DType.Float32: Unary<float, Float32Arith>(op, src, dst); break;
            case DType.Float64: Unary<double, Float64Arith>(op, src, dst); break;
            case DType.Int32 or DType.Int64 when Kernels.Unary.IsFloatOnly(op): throw new ArgumentException($"{op}: needs a float tensor");
            case DType.Int32: Unary<int, Int32Arith>(op, src, dst); break;
            case DType.Int64: Unary<long, Int64Arith>(op, src, dst); break;
            default: throw new ArgumentException($"{op}: dtype {dst.DType.Name()} is not supported");
        }
    }

    private void Unary<T, TA>(UnaryOp op, Tensor src, Tensor dst) where T : unmanaged where TA : struct, IArith<T>
    {
        if (dst.Size == 0) return;
        var k = Kernel("unary", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, int>(ElementwiseKernels.Unary<T, TA>));
        k(dst.Size, Span<T>(dst), Span<T>(src), (int)op);
    }

    public void Compare(CompareOp op, Tensor a, Tensor b, Tensor dst)
    {
        using var scope = gate.EnterScope();
        switch (a.DType)
        {
            case DType.Float32: Compare<float, Float32Arith>(op, a, b, dst); break;
            case DType.Float64: Compare<double, Float64Arith>(op, a, b, dst); break;
            case DType.Int32: Compare<int, Int32Arith>(op, a, b, dst); break;
            case DType.Int64: Compare<long, Int64Arith>(op, a, b, dst); break;
            default: throw new ArgumentException($"{Kernels.Compare.Name(op)}: dtype {a.DType.Name()} is not supported");
        }
    }

    private void Compare<T, TA>(CompareOp op, Tensor a, Tensor b, Tensor dst) where T : unmanaged where TA : struct, IArith<T> =>
        TwoOperands("compare", static acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<byte>, ArrayView<T>, ArrayView<T>, Layout8, View8, View8, View8, int>(
            ElementwiseKernels.Compare<T, TA>), Kernels.Compare.Name(op), (int)op, a, b, dst);

    public void Select(Tensor cond, Tensor x, Tensor y, Tensor dst)
    {
        using var scope = gate.EnterScope();
        switch (dst.DType)
        {
            case DType.Float32: Select<float>(cond, x, y, dst); break;
            case DType.Float64: Select<double>(cond, x, y, dst); break;
            case DType.Int32: Select<int>(cond, x, y, dst); break;
            case DType.Int64: Select<long>(cond, x, y, dst); break;
            default: Select<byte>(cond, x, y, dst); break;
        }
    }

    private void Select<T>(Tensor cond, Tensor x, Tensor y, Tensor dst) where T : unmanaged
    {
        Span<View8> v = stackalloc View8[4];
        var s = dst.ShapeSpan;
        var l = Strided.Build(s, [dst.Strides, Strided.BroadcastStrides(cond, s, "Where"), Strided.BroadcastStrides(x, s, "Where"), Strided.BroadcastStrides(y, s, "Where")],
            [dst.Offset, cond.Offset, x.Offset, y.Offset], v, "Where");
        if (dst.Size == 0) return;
        var k = Kernel("select", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<byte>, ArrayView<T>, ArrayView<T>, Layout8, View8, View8, View8, View8>(
            ElementwiseKernels.Select));
        k(dst.Size, View<T>(dst), View<byte>(cond), View<T>(x), View<T>(y), l, v[0], v[1], v[2], v[3]);
    }

    public void TakeRows(Tensor src, int[] idx, Tensor rows)
    {
        using var scope = gate.EnterScope();
        int rowSize = src.NDim == 0 ? 1 : src.Size / Math.Max(src.ShapeSpan[0], 1);
        if (idx.Length == 0 || rowSize == 0) return;
        var indexes = (IlgpuBuffer)FromHost(idx);
        switch (src.DType)
        {
            case DType.Float32: TakeRows<float>(src, indexes, rows, rowSize, idx.Length); break;
            case DType.Float64: TakeRows<double>(src, indexes, rows, rowSize, idx.Length); break;
            case DType.Int32: TakeRows<int>(src, indexes, rows, rowSize, idx.Length); break;
            case DType.Int64: TakeRows<long>(src, indexes, rows, rowSize, idx.Length); break;
            default: TakeRows<byte>(src, indexes, rows, rowSize, idx.Length); break;
        }
        // Safe while the gather is pending: the next user of this memory runs after it on the same stream.
        indexes.Release();
    }

    private void TakeRows<T>(Tensor src, IlgpuBuffer indexes, Tensor rows, int rowSize, int count) where T : unmanaged
    {
        var k = Kernel("takerows", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<int>, int>(ElementwiseKernels.TakeRows));
        k(count * rowSize, View<T>(rows).SubView(rows.Offset, count * rowSize), View<T>(src).SubView(src.Offset, src.Size), indexes.View<int>(), rowSize);
    }

    public Tensor ActivationGrad(FusedActivation op, Tensor gy, Tensor saved)
    {
        using var scope = gate.EnterScope();
        if (!Fused.Applies(gy, saved))
            throw new ArgumentException($"{op}: fused gradient needs contiguous float tensors of one dtype and shape, got {gy.DType.Name()} {gy.ShapeString} and {saved.DType.Name()} {saved.ShapeString}");
        int code = op switch { FusedActivation.ReLU => 0, FusedActivation.Tanh => 1, _ => 2 };
        return Activation(code, gy, saved);
    }

    public Tensor Sigmoid(Tensor x)
    {
        using var scope = gate.EnterScope();
        return Activation(3, x, x);
    }

    private Tensor Activation(int code, Tensor a, Tensor b)
    {
        var d = NewTensor(a.DType, a.Shape);
        if (a.DType == DType.Float32) Activation<float, Float32Arith>(code, a, b, d);
        else if (a.DType == DType.Float64) Activation<double, Float64Arith>(code, a, b, d);
        else throw new ArgumentException($"Sigmoid: needs a float tensor, got {a.DType.Name()}");
        return d;
    }

    private void Activation<T, TA>(int code, Tensor a, Tensor b, Tensor d) where T : unmanaged where TA : struct, IArith<T>
    {
        if (d.Size == 0) return;
        var k = Kernel("activation", static acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, int>(ElementwiseKernels.Activation<T, TA>));
        k(d.Size, Span<T>(d), Span<T>(a), Span<T>(b), code);
    }

    /// <summary>Every element of contiguous <paramref name="t"/> set to <paramref name="value"/>.</summary>
    private void Fill<T>(Tensor t, T value) where T : unmanaged
    {
        if (t.Size == 0) return;
        var k = Kernel("fill", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, T>(ElementwiseKernels.Fill));
        k(t.Size, Span<T>(t), value);
    }
}
