using System.Numerics;
using Nabla.Tensors.Kernels;

namespace Nabla.Tensors.Backends;

/// <summary>The reference backend: managed arrays and the SIMD kernels of <see cref="Kernels"/>.</summary>
internal sealed class CpuBackend : IBackend
{
    public static readonly CpuBackend Instance = new();

    private CpuBackend() { }

    public Device Device => Device.Cpu;

    public static DeviceInfo Info =>
        new(Device.Cpu, $"{System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture} CPU, {Environment.ProcessorCount} logical cores",
            GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);

    public object Allocate(DType dtype, int length, bool zeroed) => StoragePool.Rent(dtype, length, zeroed);

    public void Release(Tensor tensor) => StoragePool.Return(tensor);

    public object FromHost(Array values)
    {
        var copy = Array.CreateInstance(values.GetType().GetElementType()!, values.Length);
        Array.Copy(values, copy, values.Length);
        return copy;
    }

    public Array ToHost(Tensor source) => source.DType switch
    {
        DType.Float32 => source.Contiguous().Span<float>().ToArray(),
        DType.Float64 => source.Contiguous().Span<double>().ToArray(),
        DType.Int32 => source.Contiguous().Span<int>().ToArray(),
        DType.Int64 => source.Contiguous().Span<long>().ToArray(),
        _ => source.Contiguous().Span<bool>().ToArray(),
    };

    public void Copy(Tensor src, Tensor dst) => Kernels.Copy.Run(src, dst);

    public void Convert(Tensor src, Tensor dst) => Kernels.Convert.Run(src, dst);

    public void Binary(BinaryOp op, Tensor a, Tensor b, Tensor dst) => Kernels.Binary.Run(op, a, b, dst);

    public void Unary(UnaryOp op, Tensor src, Tensor dst) => Kernels.Unary.Run(op, src, dst);

    public void Compare(CompareOp op, Tensor a, Tensor b, Tensor dst) => Kernels.Compare.Run(op, a, b, dst);

    public void Select(Tensor cond, Tensor x, Tensor y, Tensor dst) => Kernels.Select.Run(cond, x, y, dst);

    public void Reduce(ReduceOp op, Tensor src, Tensor dst) => Kernels.Reduce.Run(op, src, dst);

    public void ArgReduce(bool max, Tensor src, Tensor dst, int rowLength) => Kernels.ArgReduce.Run(max, src, dst.Buffer<long>(), rowLength);

    public void MatMul(Tensor a, Tensor b, Tensor c, int[] batch) => CpuMatMul.Multiply(a, b, c, batch);

    public void TakeRows(Tensor src, int[] idx, Tensor rows)
    {
        int rowSize = src.NDim == 0 ? 1 : src.Size / Math.Max(src.ShapeSpan[0], 1);
        for (int k = 0; k < idx.Length; k++)
            Array.Copy((Array)src.Storage, src.Offset + idx[k] * rowSize, (Array)rows.Storage, rows.Offset + k * rowSize, rowSize);
    }

    public Tensor ActivationGrad(FusedActivation op, Tensor gy, Tensor saved) => op switch
    {
        FusedActivation.ReLU => Fused.ReluGrad(gy, saved),
        FusedActivation.Tanh => Fused.TanhGrad(gy, saved),
        _ => Fused.SigmoidGrad(gy, saved),
    };

    public Tensor Sigmoid(Tensor x) => Fused.Sigmoid(x);

    public Tensor Conv2d(Tensor x, Tensor w, Tensor? b, ConvGeometry g)
    {
        int oc = w.Dim(0);
        var (xc, wc, bc) = (x.Contiguous(), w.Contiguous(), b?.Contiguous());
        var y = Uninitialized.Tensor(xc.DType, [g.N, oc, g.OH, g.OW], "Conv2d");
        if (xc.DType == DType.Float32)
            ConvGemm.Forward(xc.Buffer<float>(), xc.Offset, wc.Buffer<float>(), wc.Offset, bc?.Buffer<float>(), bc?.Offset ?? 0, y.Buffer<float>(), g, oc);
        else
            ConvGemm.Forward(xc.Buffer<double>(), xc.Offset, wc.Buffer<double>(), wc.Offset, bc?.Buffer<double>(), bc?.Offset ?? 0, y.Buffer<double>(), g, oc);
        ReleaseIfCopy(xc, x);
        return y;
    }

    public Tensor ConvTranspose2d(Tensor x, Tensor w, ConvGeometry g)
    {
        int c = w.Dim(0);
        var (xc, wc) = (x.Contiguous(), w.Contiguous());
        var y = Uninitialized.Tensor(xc.DType, [g.N, g.C, g.H, g.W], "Deconv2d");
        if (xc.DType == DType.Float32)
            ConvGemm.Transposed(xc.Buffer<float>(), xc.Offset, wc.Buffer<float>(), wc.Offset, y.Buffer<float>(), g, c);
        else
            ConvGemm.Transposed(xc.Buffer<double>(), xc.Offset, wc.Buffer<double>(), wc.Offset, y.Buffer<double>(), g, c);
        ReleaseIfCopy(xc, x);
        return y;
    }

    public Tensor Conv2dGradW(Tensor x, Tensor gy, ConvGeometry g)
    {
        int oc = gy.Dim(1);
        var (xc, gyc) = (x.Contiguous(), gy.Contiguous());
        var gw = Uninitialized.Tensor(xc.DType, [oc, g.C, g.KH, g.KW], "Conv2DGradW");
        if (xc.DType == DType.Float32)
            ConvGemm.GradW(xc.Buffer<float>(), xc.Offset, gyc.Buffer<float>(), gyc.Offset, gw.Buffer<float>(), g, oc);
        else
            ConvGemm.GradW(xc.Buffer<double>(), xc.Offset, gyc.Buffer<double>(), gyc.Offset, gw.Buffer<double>(), g, oc);
        ReleaseIfCopy(xc, x);
        ReleaseIfCopy(gyc, gy);
        return gw;
    }

    public Tensor Im2Col(Tensor image, ConvGeometry g) => Kernels.Im2Col.Unfold(image, g, batchMajor: true);

    public Tensor Col2Im(Tensor columns, ConvGeometry g) => Kernels.Im2Col.Fold(columns, g, batchMajor: true);

    public Tensor MaxPool(Tensor x, ConvGeometry g, out Tensor indexes)
    {
        var y = Pool.Max(x, g, out var idx);
        indexes = new Tensor(idx, y.Shape);
        return y;
    }

    public Tensor PoolScatter(Tensor gy, Tensor indexes, ConvGeometry g) => Pool.Scatter(gy, IndexArray(indexes), g);

    public Tensor PoolGather(Tensor x, Tensor indexes, ConvGeometry g) => Pool.Gather(x, IndexArray(indexes), g);

    public Tensor AvgPool(Tensor x, ConvGeometry g) => Pool.Average(x, g);

    public Tensor AvgPoolAdjoint(Tensor gy, ConvGeometry g) => Pool.AverageAdjoint(gy, g);

    public void SgdStep(Tensor p, Tensor g, double lr)
    {
        if (p.DType == DType.Float32) Updates.Sgd(p.Span<float>(), g.Span<float>(), (float)lr);
        else Updates.Sgd(p.Span<double>(), g.Span<double>(), lr);
    }

    public void MomentumStep(Tensor p, Tensor g, Tensor v, double lr, double momentum)
    {
        if (p.DType == DType.Float32) Updates.Momentum(p.Span<float>(), g.Span<float>(), v.Span<float>(), (float)lr, (float)momentum);
        else Updates.Momentum(p.Span<double>(), g.Span<double>(), v.Span<double>(), lr, momentum);
    }

    public void AdaGradStep(Tensor p, Tensor g, Tensor h, double lr, double eps)
    {
        if (p.DType == DType.Float32) Updates.AdaGrad(p.Span<float>(), g.Span<float>(), h.Span<float>(), (float)lr, (float)eps);
        else Updates.AdaGrad(p.Span<double>(), g.Span<double>(), h.Span<double>(), lr, eps);
    }

    public void AdaDeltaStep(Tensor p, Tensor g, Tensor msg, Tensor msdx, double rho, double eps)
    {
        if (p.DType == DType.Float32) Updates.AdaDelta(p.Span<float>(), g.Span<float>(), msg.Span<float>(), msdx.Span<float>(), (float)rho, (float)eps);
        else Updates.AdaDelta(p.Span<double>(), g.Span<double>(), msg.Span<double>(), msdx.Span<double>(), rho, eps);
    }

    public void AdamStep(Tensor p, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize, double denomScale, double eps)
    {
        int pieces = Chunks.Count(p.Size);
        if (pieces == 1) AdamRange(p, g, m, v, beta1, beta2, stepSize, denomScale, eps, 0, p.Size);
        else Chunks.For(p.Size, pieces, (start, length) => AdamRange(p, g, m, v, beta1, beta2, stepSize, denomScale, eps, start, length));
    }

    private static void AdamRange(Tensor p, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize, double denomScale, double eps,
        int start, int length)
    {
        var level = Simd.Level;
        if (p.DType == DType.Float32)
            Updates.Adam(p.Span<float>().Slice(start, length), g.Span<float>().Slice(start, length), m.Span<float>().Slice(start, length),
                v.Span<float>().Slice(start, length), (float)beta1, (float)beta2, (float)stepSize, (float)denomScale, (float)eps, level);
        else
            Updates.Adam(p.Span<double>().Slice(start, length), g.Span<double>().Slice(start, length), m.Span<double>().Slice(start, length),
                v.Span<double>().Slice(start, length), beta1, beta2, stepSize, denomScale, eps, level);
    }

    public void Scale(Tensor t, double factor)
    {
        if (t.DType == DType.Float32) Updates.Scale(t.Span<float>(), (float)factor);
        else Updates.Scale(t.Span<double>(), factor);
    }

    public double SumOfSquares(Tensor t) =>
        t.DType == DType.Float32 ? Updates.SumOfSquares(t.Span<float>()) : Updates.SumOfSquares(t.Span<double>());

    public void AddScaled(Tensor g, Tensor p, double rate)
    {
        if (g.DType == DType.Float32) Updates.AddScaled(g.Span<float>(), p.Span<float>(), (float)rate);
        else Updates.AddScaled(g.Span<double>(), p.Span<double>(), rate);
    }

    private static int[] IndexArray(Tensor indexes)
    {
        var c = indexes.Contiguous();
        return c.Offset == 0 && c.Size == ((Array)c.Storage).Length ? c.Buffer<int>() : c.Span<int>().ToArray();
    }

    private void ReleaseIfCopy(Tensor copy, Tensor source)
    {
        if (!ReferenceEquals(copy.Storage, source.Storage)) Release(copy);
    }
}
