using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// The tangent of an input that has none, as JAX's symbolic zero: a read-only broadcast of one shared 0, so that it
/// costs no storage and a forward-mode rule can tell it from a tangent that merely holds zeros and skip the terms
/// linear in it (the data batch's tangent through a linear layer, a constant's in a product).
/// </summary>
internal static class ZeroTangent
{
    /// <summary>Zeros shaped like <paramref name="x"/>: the shared broadcast for a float tensor on the CPU, fresh storage otherwise.</summary>
    public static Tensor Like(Tensor x) => Tensor.SharedZerosLike(x);

    /// <summary>Whether <paramref name="t"/> is (a view of) the shared zero.</summary>
    public static bool Is(Tensor t) => t.IsSharedZero;
}
