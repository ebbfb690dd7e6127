using ILGPU;
using ILGPU.Runtime;

namespace Nabla.Tensors.Backends.Ilgpu;

internal sealed partial class IlgpuBackend
{
    /// <summary>Runs the float32 or the float64 instantiation of an update, holding the backend's lock.</summary>
    private void OnFloats(DType dtype, Action float32, Action float64)
    {
        using var scope = gate.EnterScope();
        if (dtype == DType.Float32) float32();
        else float64();
    }

    public void SgdStep(Tensor p, Tensor g, double lr) =>
        OnFloats(p.DType, () => Sgd<float, Float32Arith>(p, g, lr), () => Sgd<double, Float64Arith>(p, g, lr));

    private void Sgd<T, TA>(Tensor p, Tensor g, double lr) where T : unmanaged where TA : struct, IArith<T> =>
        PairStep<T, TA>("sgd", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, T>(UpdateKernels.Sgd<T, TA>), p, g, lr);

    /// <summary>Launches an update of one tensor by another and a scalar (SGD's, AddScaled's), over the first's elements.</summary>
    private void PairStep<T, TA>(string name, Func<Accelerator, Action<Index1D, ArrayView<T>, ArrayView<T>, T>> load, Tensor a, Tensor b, double x)
        where T : unmanaged where TA : struct, IArith<T>
    {
        if (a.Size == 0) return;
        Kernel(name, load)(a.Size, Span<T>(a), Span<T>(b), default(TA).FromDouble(x));
    }

    public void MomentumStep(Tensor p, Tensor g, Tensor v, double lr, double momentum) =>
        OnFloats(p.DType, () => Momentum<float, Float32Arith>(p, g, v, lr, momentum), () => Momentum<double, Float64Arith>(p, g, v, lr, momentum));

    private void Momentum<T, TA>(Tensor p, Tensor g, Tensor v, double lr, double momentum) where T : unmanaged where TA : struct, IArith<T> =>
        StateStep<T, TA>("momentum", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, T, T>(
            UpdateKernels.Momentum<T, TA>), p, g, v, lr, momentum);

    public void AdaGradStep(Tensor p, Tensor g, Tensor h, double lr, double eps) =>
        OnFloats(p.DType, () => AdaGrad<float, Float32Arith>(p, g, h, lr, eps), () => AdaGrad<double, Float64Arith>(p, g, h, lr, eps));

    private void AdaGrad<T, TA>(Tensor p, Tensor g, Tensor h, double lr, double eps) where T : unmanaged where TA : struct, IArith<T> =>
        StateStep<T, TA>("adagrad", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, T, T>(
            UpdateKernels.AdaGrad<T, TA>), p, g, h, lr, eps);

    /// <summary>Launches an update of a parameter, its gradient and one state tensor with two scalars (Momentum's, AdaGrad's).</summary>
    private void StateStep<T, TA>(string name, Func<Accelerator, Action<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, T, T>> load,
        Tensor p, Tensor g, Tensor state, double x, double y) where T : unmanaged where TA : struct, IArith<T>
    {
        if (p.Size == 0) return;
        var m = default(TA);
        Kernel(name, load)(p.Size, Span<T>(p), Span<T>(g), Span<T>(state), m.FromDouble(x), m.FromDouble(y));
    }

    public void AdaDeltaStep(Tensor p, Tensor g, Tensor msg, Tensor msdx, double rho, double eps) =>
        OnFloats(p.DType, () => AdaDelta<float, Float32Arith>(p, g, msg, msdx, rho, eps), () => AdaDelta<double, Float64Arith>(p, g, msg, msdx, rho, eps));

    private void AdaDelta<T, TA>(Tensor p, Tensor g, Tensor msg, Tensor msdx, double rho, double eps) where T : unmanaged where TA : struct, IArith<T>
    {
        if (p.Size == 0) return;
        var m = default(TA);
        var k = Kernel("adadelta", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, T, T>(
            UpdateKernels.AdaDelta<T, TA>));
        k(p.Size, Span<T>(p), Span<T>(g), Span<T>(msg), Span<T>(msdx), m.FromDouble(rho), m.FromDouble(eps));
    }

    public void AdamStep(Tensor p, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize, double denomScale, double eps) =>
        OnFloats(p.DType, () => Adam<float, Float32Arith>(p, g, m, v, beta1, beta2, stepSize, denomScale, eps), () => Adam<double, Float64Arith>(p, g, m, v, beta1, beta2, stepSize, denomScale, eps));

    private void Adam<T, TA>(Tensor p, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize, double denomScale, double eps)
        where T : unmanaged where TA : struct, IArith<T>
    {
        if (p.Size == 0) return;
        var a = default(TA);
        var args = new AdamParams<T>
        {
            Beta1 = a.FromDouble(beta1), Beta2 = a.FromDouble(beta2), StepSize = a.FromDouble(stepSize), DenomScale = a.FromDouble(denomScale), Eps = a.FromDouble(eps),
        };
        var k = Kernel("adam", static acc => acc.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, ArrayView<T>, ArrayView<T>, AdamParams<T>>(
            UpdateKernels.Adam<T, TA>));
        k(p.Size, Span<T>(p), Span<T>(g), Span<T>(m), Span<T>(v), args);
    }

    public void Scale(Tensor t, double factor) =>
        OnFloats(t.DType, () => Scale<float, Float32Arith>(t, factor), () => Scale<double, Float64Arith>(t, factor));

    private void Scale<T, TA>(Tensor t, double factor) where T : unmanaged where TA : struct, IArith<T>
    {
        if (t.Size == 0) return;
        var k = Kernel("scale", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, T>(UpdateKernels.Scale<T, TA>));
        k(t.Size, Span<T>(t), default(TA).FromDouble(factor));
    }

    public void AddScaled(Tensor g, Tensor p, double rate) =>
        OnFloats(g.DType, () => AddScaled<float, Float32Arith>(g, p, rate), () => AddScaled<double, Float64Arith>(g, p, rate));

    private void AddScaled<T, TA>(Tensor g, Tensor p, double rate) where T : unmanaged where TA : struct, IArith<T> =>
        PairStep<T, TA>("addscaled", static a => a.LoadAutoGroupedStreamKernel<Index1D, ArrayView<T>, ArrayView<T>, T>(UpdateKernels.AddScaled<T, TA>), g, p, rate);
}
