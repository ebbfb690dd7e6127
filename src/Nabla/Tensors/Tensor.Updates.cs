namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>SGD in place: p ← p − lr·g.</summary>
    internal static void SgdStep(Tensor p, Tensor g, double lr)
    {
        CheckUpdate("SGD", p, g);
        p.Backend.SgdStep(p, g, lr);
    }

    /// <summary>Momentum SGD in place: v ← momentum·v − lr·g; p ← p + v.</summary>
    internal static void MomentumStep(Tensor p, Tensor g, Tensor v, double lr, double momentum)
    {
        CheckUpdate("MomentumSGD", p, g, v);
        p.Backend.MomentumStep(p, g, v, lr, momentum);
    }

    /// <summary>AdaGrad in place: h ← h + g²; p ← p − lr·g / (√h + eps).</summary>
    internal static void AdaGradStep(Tensor p, Tensor g, Tensor h, double lr, double eps)
    {
        CheckUpdate("AdaGrad", p, g, h);
        p.Backend.AdaGradStep(p, g, h, lr, eps);
    }

    /// <summary>AdaDelta in place (see <see cref="Backends.IBackend.AdaDeltaStep"/>).</summary>
    internal static void AdaDeltaStep(Tensor p, Tensor g, Tensor msg, Tensor msdx, double rho, double eps)
    {
        CheckUpdate("AdaDelta", p, g, msg, msdx);
        p.Backend.AdaDeltaStep(p, g, msg, msdx, rho, eps);
    }

    /// <summary>Adam in place: m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − stepSize·m / (√v·denomScale + eps).</summary>
    internal static void AdamStep(Tensor p, Tensor g, Tensor m, Tensor v, double beta1, double beta2, double stepSize, double denomScale, double eps)
    {
        CheckUpdate("Adam", p, g, m, v);
        p.Backend.AdamStep(p, g, m, v, beta1, beta2, stepSize, denomScale, eps);
    }

    /// <summary>This contiguous float tensor multiplied in place by <paramref name="factor"/> (in its dtype).</summary>
    internal void ScaleInPlace(double factor)
    {
        CheckUpdate("Scale", this);
        Backend.Scale(this, factor);
    }

    /// <summary>Σ x² of a contiguous float tensor, accumulated in double.</summary>
    internal double SumOfSquares()
    {
        CheckUpdate("SumOfSquares", this);
        return Backend.SumOfSquares(this);
    }

    /// <summary>this ← this + rate·other for contiguous float tensors of one dtype, shape and device.</summary>
    internal void AddScaledInPlace(Tensor other, double rate)
    {
        CheckUpdate("AddScaled", this, other);
        Backend.AddScaled(this, other, rate);
    }

    /// <summary>The update kernels' contract: contiguous, writable float tensors of one dtype, shape and device.</summary>
    private static void CheckUpdate(string op, Tensor p, params ReadOnlySpan<Tensor> others)
    {
        if (!p.DType.IsFloat() || !p.IsContiguous || p.IsReadOnly)
            throw new InvalidOperationException($"{op}: needs a writable contiguous float tensor, got {p.DType.Name()} {p.ShapeString}");
        foreach (var t in others)
        {
            if (t.Device != p.Device)
                throw new InvalidOperationException($"{op}: operands on {p.Device} and {t.Device}; move one with To(device)");
            if (t.DType != p.DType || !t.IsContiguous || !ShapeUtil.SameShape(t.shape, p.shape))
                throw new InvalidOperationException($"{op}: operands {p.DType.Name()} {p.ShapeString} and {t.DType.Name()} {t.ShapeString} (contiguous{(t.IsContiguous ? "" : ": no")}) do not match");
        }
    }
}
