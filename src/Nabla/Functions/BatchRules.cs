using Nabla.Autodiff;

namespace Nabla.Functions;

/// <summary>
/// What the batch rules (<see cref="Function.BackwardBatched"/>) share: their gradients carry a leading batch axis of
/// length B before the shapes the ordinary rules see, so shapes gain a B, axes shift by one, and broadcasting is
/// undone without touching the batch axis.
/// </summary>
internal static class BatchRules
{
    /// <summary>(B, ...shape), B taken from the batched gradient <paramref name="g"/>.</summary>
    public static int[] Shape(Variable g, int[] shape) => [g.Shape[0], .. shape];

    /// <summary>Axis <paramref name="axis"/> of a tensor of rank <paramref name="ndim"/> as an axis of its batched gradient.</summary>
    public static int Axis(int axis, int ndim) => (axis < 0 ? axis + ndim : axis) + 1;

    /// <summary>
    /// Sums a batched gradient back to (B, ...input.shape). Broadcasting aligns shapes on the right, so the input's
    /// shape is first padded with ones up to the gradient's rank behind the batch axis: a plain SumTo to (B, ...shape)
    /// would sum the batch axis away and align B with the wrong axis.
    /// </summary>
    public static Variable Reduce(Variable g, Variable input)
    {
        var target = Shape(g, input.Shape);
        if (g.Shape.AsSpan().SequenceEqual(target)) return g;
        return F.Reshape(F.SumTo(g, Padded(g.Shape[0], input.Shape, g.NDim)), target);
    }

    /// <summary>Broadcasts a batched gradient (B, ...s) up to (B, ...shape), s broadcasting to shape: the reverse of <see cref="Reduce"/>.</summary>
    public static Variable Expand(Variable g, int[] shape) =>
        F.BroadcastTo(F.Reshape(g, Padded(g.Shape[0], g.Shape[1..], shape.Length + 1)), Shape(g, shape));

    /// <summary>(batch, 1, ..., 1, ...shape) of rank <paramref name="rank"/>.</summary>
    private static int[] Padded(int batch, int[] shape, int rank)
    {
        var padded = new int[rank];
        Array.Fill(padded, 1);
        padded[0] = batch;
        shape.CopyTo(padded, rank - shape.Length);
        return padded;
    }

    /// <summary>
    /// g @ bᵀ for a batched g (B, ..., m, n). With b a matrix (n, k) the batch folds into the rows of one product,
    /// (B·...·m, n) @ (n, k), rather than B small ones.
    /// </summary>
    public static Variable TimesTransposed(Variable g, Variable b)
    {
        if (b.NDim != 2) return F.MatMul(g, F.SwapAxes(b, -1, -2));
        var product = F.MatMul(F.Reshape(g, -1, g.Shape[^1]), b.T);
        return F.Reshape(product, [.. g.Shape[..^1], b.Shape[0]]);
    }

    /// <summary>
    /// aᵀ @ g for a batched g (B, ..., m, n). With a a matrix (m, k) it is computed transposed, gᵀ @ a, so that the
    /// batch folds into the rows of one product, (B·...·n, m) @ (m, k); for n = 1 no transpose is even copied.
    /// </summary>
    public static Variable TransposedTimes(Variable a, Variable g)
    {
        if (a.NDim != 2) return F.MatMul(F.SwapAxes(a, -1, -2), g);
        int m = a.Shape[0], k = a.Shape[1], n = g.Shape[^1];
        int[] lead = g.Shape[..^2];
        if (n == 1) return F.Reshape(F.MatMul(F.Reshape(g, -1, m), a), [.. lead, k, 1]);
        var product = F.MatMul(F.Reshape(F.SwapAxes(g, -1, -2), -1, m), a);
        return F.SwapAxes(F.Reshape(product, [.. lead, n, k]), -1, -2);
    }
}
