namespace Nabla.Tensors;

public sealed partial class Tensor
{
    /// <summary>True when <paramref name="a"/> and <paramref name="b"/> suit the fused kernels: contiguous floats of one dtype, shape and device.</summary>
    internal static bool FusedApplies(Tensor a, Tensor b) =>
        a.DType == b.DType && a.DType.IsFloat() && a.IsContiguous && b.IsContiguous && ShapeUtil.SameShape(a.shape, b.shape)
        && a.Device == b.Device;

    /// <summary>
    /// An activation's backward in one pass: <c>gy * (x &gt; 0 ? 1 : 0)</c> (ReLU, from x), <c>gy * (1 - y * y)</c>
    /// (Tanh, from y), <c>gy * (y * (1 - y))</c> (Sigmoid, from y), bitwise what the separate operations give.
    /// Null when the operands do not suit (<see cref="FusedApplies"/>): the caller then writes the formula out.
    /// </summary>
    internal static Tensor? ActivationGrad(FusedActivation op, Tensor gy, Tensor saved) =>
        FusedApplies(gy, saved) ? gy.Backend.ActivationGrad(op, gy, saved) : null;

    /// <summary>The sigmoid as Nabla computes it, <c>tanh(x * 0.5) * 0.5 + 0.5</c>, in one pass over contiguous floats.</summary>
    internal Tensor Sigmoid() =>
        DType.IsFloat() && IsContiguous ? Backend.Sigmoid(this) : (this * 0.5).Tanh() * 0.5 + 0.5;
}
