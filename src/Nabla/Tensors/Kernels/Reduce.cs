using System.Numerics;
using System.Numerics.Tensors;

namespace Nabla.Tensors.Kernels;

/// <summary>
/// Reductions over any set of axes. The destination has the source's shape with reduced axes set to 1
/// (keepdims); it is read with stride 0 along them, so one strided walk over the source folds each value
/// into its slot. A reduced innermost row becomes one <see cref="TensorPrimitives"/> call; a kept one
/// becomes a vector accumulate.
/// </summary>
internal static class Reduce
{
    public static void Run(ReduceOp op, Tensor src, Tensor dst) =>
        INumericKernel.Dispatch(dst.DType, op, new Kernel(op, src, dst));

    private readonly struct Kernel(ReduceOp op, Tensor src, Tensor dst) : INumericKernel
    {
        public void Run<T>() where T : unmanaged, INumber<T>, IMinMaxValue<T> => Reduce.Run<T>(op, src, dst);
    }

    private static void Run<T>(ReduceOp op, Tensor src, Tensor dst) where T : unmanaged, INumber<T>, IMinMaxValue<T>
    {
        dst.Span<T>().Fill(Identity<T>(op));
        var dstStrides = dst.Strides;
        for (int i = 0; i < src.NDim; i++)
            if (dst.ShapeSpan[i] == 1) dstStrides[i] = 0;
        var visitor = new Visitor<T>(op, dst.Buffer<T>(), src.Buffer<T>());
        StridedLoop.Run(src.ShapeSpan, [dstStrides, src.Strides], [dst.Offset, src.Offset], ref visitor);
    }

    private static T Identity<T>(ReduceOp op) where T : INumber<T>, IMinMaxValue<T> => op switch
    {
        ReduceOp.Sum => T.Zero,
        ReduceOp.Max => typeof(T) == typeof(float) ? (T)(object)float.NegativeInfinity
            : typeof(T) == typeof(double) ? (T)(object)double.NegativeInfinity : T.MinValue,
        ReduceOp.Min => typeof(T) == typeof(float) ? (T)(object)float.PositiveInfinity
            : typeof(T) == typeof(double) ? (T)(object)double.PositiveInfinity : T.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    private readonly struct Visitor<T>(ReduceOp op, T[] d, T[] x) : IRowVisitor where T : unmanaged, INumber<T>
    {
        public void Row(ReadOnlySpan<int> o, ReadOnlySpan<int> s, int n)
        {
            if (s[0] == 0)
            {
                d[o[0]] = Binary.Scalar(ToBinary(op), d[o[0]], Fold(op, x, o[1], s[1], n));
                return;
            }
            if (s[0] == 1 && s[1] == 1)
            {
                var acc = d.AsSpan(o[0], n);
                switch (op)
                {
                    case ReduceOp.Sum: TensorPrimitives.Add(acc, x.AsSpan(o[1], n), acc); return;
                    case ReduceOp.Max: TensorPrimitives.Max(acc, x.AsSpan(o[1], n), acc); return;
                    case ReduceOp.Min: TensorPrimitives.Min(acc, x.AsSpan(o[1], n), acc); return;
                }
            }
            var bop = ToBinary(op);
            for (int i = 0; i < n; i++) d[o[0] + i * s[0]] = Binary.Scalar(bop, d[o[0] + i * s[0]], x[o[1] + i * s[1]]);
        }
    }

    private static T Fold<T>(ReduceOp op, T[] x, int start, int stride, int n) where T : unmanaged, INumber<T>
    {
        if (stride == 1)
        {
            var row = x.AsSpan(start, n);
            return op switch
            {
                ReduceOp.Sum => PairwiseSum<T>(row),
                ReduceOp.Max => TensorPrimitives.Max<T>(row),
                _ => TensorPrimitives.Min<T>(row),
            };
        }
        var bop = ToBinary(op);
        T acc = x[start];
        for (int i = 1; i < n; i++) acc = Binary.Scalar(bop, acc, x[start + i * stride]);
        return acc;
    }

    /// <summary>Rows up to this length are summed by one vector pass, so their results are as before.</summary>
    internal const int PairwiseBlock = 4096;

    // One vector pass accumulates n/16 values per lane, so its rounding error grows with n: a float32 sum of 10^7
    // values was 3e-4 off. Halving down to blocks (as NumPy does) bounds the error by log2(n/block) roundings more.
    internal static T PairwiseSum<T>(ReadOnlySpan<T> row) where T : unmanaged, INumber<T>
    {
        if (row.Length <= PairwiseBlock) return TensorPrimitives.Sum(row);
        int half = (row.Length / 2 + PairwiseBlock - 1) / PairwiseBlock * PairwiseBlock;
        return PairwiseSum(row[..half]) + PairwiseSum(row[half..]);
    }

    private static BinaryOp ToBinary(ReduceOp op) => op switch
    {
        ReduceOp.Sum => BinaryOp.Add,
        ReduceOp.Max => BinaryOp.Maximum,
        _ => BinaryOp.Minimum,
    };
}
