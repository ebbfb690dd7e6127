using ILGPU;
using ILGPU.Runtime;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors.Backends.Ilgpu;

internal sealed partial class IlgpuBackend
{
    public void Reduce(ReduceOp op, Tensor src, Tensor dst)
    {
        using var scope = gate.EnterScope();
        switch (dst.DType)
        {
            case DType.Float32: Reduce<float, Float32Arith>(op, src, dst); break;
            case DType.Float64: Reduce<double, Float64Arith>(op, src, dst); break;
            case DType.Int32: Reduce<int, Int32Arith>(op, src, dst); break;
            case DType.Int64: Reduce<long, Int64Arith>(op, src, dst); break;
            default: throw new ArgumentException($"{op}: dtype {dst.DType.Name()} is not supported");
        }
    }

    /// <summary>The source's axes split into kept ones (one result each) and reduced ones (dst length 1, src longer).</summary>
    private void Reduce<T, TA>(ReduceOp op, Tensor src, Tensor dst) where T : unmanaged where TA : struct, IArith<T>
    {
        if (dst.Size == 0) return;
        if (src.Size == 0) { Fill(dst, default(TA).Identity((int)op)); return; }
        var (keptShape, keptSrc, keptDst, innerShape, innerSrc) = (new List<int>(), new List<int>(), new List<int>(), new List<int>(), new List<int>());
        for (int d = 0; d < src.NDim; d++)
        {
            if (dst.ShapeSpan[d] == 1 && src.ShapeSpan[d] != 1)
            {
                innerShape.Add(src.ShapeSpan[d]);
                innerSrc.Add(src.StrideSpan[d]);
            }
            else
            {
                keptShape.Add(src.ShapeSpan[d]);
                keptSrc.Add(src.StrideSpan[d]);
                keptDst.Add(dst.StrideSpan[d]);
            }
        }
        Span<View8> ov = stackalloc View8[2];
        Span<View8> iv = stackalloc View8[1];
        var outer = Strided.Build(keptShape.ToArray(), [keptSrc.ToArray(), keptDst.ToArray()], [src.Offset, dst.Offset], ov, op.ToString());
        var inner = Strided.Build(innerShape.ToArray(), [innerSrc.ToArray()], [0], iv, op.ToString());
        int outerSize = ShapeUtil.Size(keptShape.ToArray()), innerSize = ShapeUtil.Size(innerShape.ToArray());
        ReduceLaunch<T, TA>((int)op, View<T>(dst), View<T>(src), outer, ov[0], ov[1], inner, iv[0], outerSize, innerSize);
    }

    /// <summary>
    /// One thread per result when rows are short, or when results lie side by side in memory and there are enough of
    /// them (neighbouring threads then read neighbouring elements); otherwise groups, split along the reduced extent
    /// until the device is full, with a second pass over the partials.
    /// </summary>
    private void ReduceLaunch<T, TA>(int op, ArrayView<T> dst, ArrayView<T> src, Layout8 outer, View8 srcOuter, View8 dstOuter,
        Layout8 inner, View8 srcInner, int outerSize, int innerSize) where T : unmanaged where TA : struct, IArith<T>
    {
        if (innerSize <= 32 || (outerSize >= 4 * TargetGroups * MaxGroup && srcOuter.S0 == 1))
        {
            var k = Kernel("reduce-threads", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, Layout8, View8, View8, Layout8, View8, int, int>(
                ReduceKernels.Threads<T, TA>));
            k(outerSize, dst, src, outer, srcOuter, dstOuter, inner, srcInner, innerSize, op);
            return;
        }
        int splits = (int)Math.Clamp((TargetGroups + outerSize - 1L) / outerSize, 1, Math.Max(1, innerSize / (4 * MaxGroup)));
        int chunk = (innerSize + splits - 1) / splits;
        int group = Math.Min(MaxGroup, (int)Math.Min(256, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(chunk, 1))));
        var groups = Kernel("reduce-groups", static a => a.LoadStreamKernel<ArrayView<T>, ArrayView<T>, Layout8, View8, View8, Layout8, View8, int, int, int, int>(
            ReduceKernels.Groups<T, TA>));
        var config = new KernelConfig(new Index1D(outerSize * splits), new Index1D(group), SharedMemoryConfig.RequestDynamic<T>(group));
        if (splits == 1)
        {
            groups(config, dst, src, outer, srcOuter, dstOuter, inner, srcInner, innerSize, 1, op, 0);
            return;
        }
        var partials = (IlgpuBuffer)Allocate(DTypeExtensions.Of<T>(), outerSize * splits, zeroed: false);
        groups(config, partials.View<T>(), src, outer, srcOuter, dstOuter, inner, srcInner, innerSize, splits, op, 1);
        // Pass two: result o folds partials [o·splits, (o+1)·splits), found through the outer layout's row-major order.
        var packed = new View8();
        for (int d = 0, stride = splits; d < outer.Rank; stride *= outer.Get(d), d++) packed.Set(d, stride);
        var row = new Layout8 { Rank = 1, D0 = splits };
        ReduceLaunch<T, TA>(op, dst, partials.View<T>(), outer, packed, dstOuter, row, new View8 { S0 = 1 }, outerSize, splits);
        partials.Release();
    }

    public void ArgReduce(bool max, Tensor src, Tensor dst, int rowLength)
    {
        using var scope = gate.EnterScope();
        switch (src.DType)
        {
            case DType.Float32: ArgReduce<float, Float32Arith>(max, src, dst, rowLength); break;
            case DType.Float64: ArgReduce<double, Float64Arith>(max, src, dst, rowLength); break;
            case DType.Int32: ArgReduce<int, Int32Arith>(max, src, dst, rowLength); break;
            case DType.Int64: ArgReduce<long, Int64Arith>(max, src, dst, rowLength); break;
            default: throw new ArgumentException($"{(max ? "ArgMax" : "ArgMin")}: dtype {src.DType.Name()} is not supported");
        }
    }

    private void ArgReduce<T, TA>(bool max, Tensor src, Tensor dst, int rowLength) where T : unmanaged where TA : struct, IArith<T>
    {
        if (dst.Size == 0 || rowLength == 0) return;
        var s = Span<T>(src);
        var d = Span<long>(dst);
        if (rowLength <= 64 || dst.Size >= 4 * TargetGroups * MaxGroup)
        {
            var k = Kernel("arg-threads", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<long>, ArrayView<T>, int, int>(ReduceKernels.ArgThreads<T, TA>));
            k(dst.Size, d, s, rowLength, max ? 1 : 0);
            return;
        }
        int group = MaxGroup;
        var g = Kernel("arg-groups", static a => a.LoadStreamKernel<ArrayView<long>, ArrayView<T>, int, int>(ReduceKernels.ArgGroups<T, TA>));
        g(new KernelConfig(new Index1D(dst.Size), new Index1D(group), SharedMemoryConfig.RequestDynamic<T>(group)), d, s, rowLength, max ? 1 : 0);
    }

    public double SumOfSquares(Tensor t)
    {
        using var scope = gate.EnterScope();
        if (t.Size == 0) return 0;
        return t.DType == DType.Float32 ? SumOfSquares<float, Float32Arith>(t) : SumOfSquares<double, Float64Arith>(t);
    }

    /// <summary>Per-group partials in double on the device; the few partials are added on the host in order (one wait either way).</summary>
    private double SumOfSquares<T, TA>(Tensor t) where T : unmanaged where TA : struct, IArith<T>
    {
        int group = MaxGroup, groups = (int)Math.Clamp((t.Size + group - 1L) / group, 1, TargetGroups);
        var partials = (IlgpuBuffer)Allocate(DType.Float64, groups, zeroed: false);
        var k = Kernel("sumsq", static a => a.LoadStreamKernel<ArrayView<double>, ArrayView<T>, int>(ReduceKernels.SumOfSquares<T, TA>));
        k(new KernelConfig(new Index1D(groups), new Index1D(group), SharedMemoryConfig.RequestDynamic<double>(group)), partials.View<double>(), Span<T>(t), t.Size);
        var host = new double[groups];
        partials.View<double>().CopyToCPU(host);
        partials.Release();
        double sum = 0;
        foreach (var v in host) sum += v;
        return sum;
    }
}
