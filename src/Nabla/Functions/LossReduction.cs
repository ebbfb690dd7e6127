using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// The <see cref="Reduction"/> of the losses, applied to their per-element values in the forward pass, to the
/// upstream gradient in the backward pass and to the per-element tangent in the forward mode, so that each loss
/// states its derivative once, element by element.
/// </summary>
internal static class LossReduction
{
    /// <summary>What the reduced sum is divided by (1 for Sum; the count is at least 1, so an empty loss is 0).</summary>
    public static double Divisor(Reduction reduction, int[] shape) => reduction switch
    {
        Reduction.Mean => Math.Max(shape.Aggregate(1L, (n, d) => n * d), 1),
        Reduction.BatchMean => shape.Length == 0 ? 1 : Math.Max(shape[0], 1),
        Reduction.Sum or Reduction.None => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "loss: unknown reduction"),
    };

    /// <summary>The per-element losses (or tangents) <paramref name="e"/> reduced.</summary>
    public static Tensor Reduce(Tensor e, Reduction reduction) =>
        reduction == Reduction.None ? e : e.Sum() / Divisor(reduction, e.Shape);

    /// <summary>The upstream gradient spread over the per-element losses of <paramref name="shape"/>.</summary>
    public static Variable Expand(Variable gy, int[] shape, Reduction reduction) =>
        reduction == Reduction.None ? gy : F.BroadcastTo(gy, shape) * (1.0 / Divisor(reduction, shape));
}
