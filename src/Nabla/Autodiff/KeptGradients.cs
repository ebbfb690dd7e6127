using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// The gradient store that does nothing special: used when gradients are retained or the backward pass is recorded
/// (createGraph), where any gradient may be read later. Contributions are added with <c>+</c>, recorded in the graph
/// when the pass records one.
/// </summary>
internal sealed class KeptGradients : IGradientStore
{
    /// <summary>The store has no state; one serves every pass.</summary>
    public static readonly KeptGradients Instance = new();

    /// <inheritdoc/>
    public Variable Seed(Tensor root) => new(Tensor.OnesLike(root));

    /// <inheritdoc/>
    public Variable[] Consume(Function f) => f.OutputGrads();

    /// <inheritdoc/>
    public void Accumulate(Function f, Variable[] gys, Variable?[] gxs)
    {
        for (int i = 0; i < gxs.Length; i++)
        {
            if (gxs[i] is not { } gx) continue;
            var x = f.Inputs[i];
            x.Grad = x.Grad is null ? Writable(gx) : x.Grad + gx;
        }
    }

    /// <inheritdoc/>
    public void Release(Variable?[] gxs) { }

    /// <summary>
    /// <paramref name="gx"/>, or a copy when it is a read-only view made by a rule without a graph (Sum's broadcast
    /// gradient): fine to read within the pass, but a gradient the caller keeps should be an ordinary writable tensor.
    /// </summary>
    internal static Variable Writable(Variable gx) =>
        gx.Creator is null && gx.Tangent is null && gx.Data.IsReadOnly ? new Variable(gx.Data.Copy()) : gx;
}
