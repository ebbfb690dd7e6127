using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// The tangent of an input that has none, as JAX's symbolic zero: a read-only broadcast of one shared 0, so that it
/// costs no storage and a forward-mode rule can tell it from a tangent that merely holds zeros and skip the terms
/// linear in it (the data batch's tangent through a linear layer, a constant's in a product).
/// </summary>
internal static class ZeroTangent
{
    // Never written: every view of them is read-only.
    private static readonly float[] FloatZero = [0f];
    private static readonly double[] DoubleZero = [0.0];

    /// <summary>Zeros shaped like <paramref name="x"/>: the shared broadcast for a float tensor on the CPU, fresh storage otherwise.</summary>
    public static Tensor Like(Tensor x)
    {
        if (!x.Device.IsCpu) return Tensor.ZerosLike(x);
        object? zero = x.DType switch { DType.Float32 => FloatZero, DType.Float64 => DoubleZero, _ => null };
        return zero is null ? Tensor.ZerosLike(x) : new Tensor(zero, x.Shape, new int[x.NDim], 0, readOnly: true);
    }

    /// <summary>Whether <paramref name="t"/> is (a view of) the shared zero.</summary>
    public static bool Is(Tensor t) => t.Storage is var s && (ReferenceEquals(s, FloatZero) || ReferenceEquals(s, DoubleZero));
}
