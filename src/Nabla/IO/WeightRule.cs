using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// One correspondence between tensors of a model under Nabla's names and under another naming: the keys each side
/// uses and the conversions both ways (transposes, gate reordering, splits). Foreign keys that are optional
/// (PyTorch's <c>num_batches_tracked</c>) are written on export and accepted, unused, on import.
/// </summary>
internal sealed record WeightRule(
    string[] NablaKeys,
    string[] ForeignKeys,
    Func<Tensor[], Tensor[]> Export,
    Func<Tensor[], Tensor[]> Import,
    bool Optional = false)
{
    /// <summary>A tensor that keeps its value and only changes its name.</summary>
    public static WeightRule Rename(string nabla, string foreign) => new([nabla], [foreign], t => t, t => t);

    /// <summary>A matrix stored transposed on the other side (Linear's W as PyTorch's (out, in) weight).</summary>
    public static WeightRule Transposed(string nabla, string foreign) =>
        new([nabla], [foreign], t => [T(t[0])], t => [T(t[0])]);

    // A file's tensor of another rank passes unchanged, so the shape check names it with both shapes.
    private static Tensor T(Tensor t) => t.NDim == 2 ? t.Transpose().Contiguous() : t;
}
