using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// How Nabla's LSTM (<c>x2h</c>: W (in, 4H) and b; <c>h2h</c>: W (H, 4H); gates f, i, o, u side by side in the columns)
/// is stored by PyTorch's <c>nn.LSTM</c> (gates i, f, g, o stacked in the rows of (4H, in) and (4H, H) weights, two bias
/// vectors that are added) and by DeZero's LSTM (eight Linears, one per gate and input).
/// </summary>
internal static class LstmRules
{
    private static readonly string[] Gates = ["f", "i", "o", "u"];

    // PyTorch's gate k (i, f, g, o) is Nabla's gate Order[k] (f, i, o, u); the permutation is its own inverse.
    private static readonly int[] Order = [1, 0, 3, 2];

    public static IEnumerable<WeightRule> PyTorch(string nabla, string foreign)
    {
        string[] nablaKeys = [nabla + "x2h.W", nabla + "x2h.b", nabla + "h2h.W"];
        string[] torchKeys = [foreign + "weight_ih_l0", foreign + "weight_hh_l0", foreign + "bias_ih_l0", foreign + "bias_hh_l0"];
        yield return new WeightRule(nablaKeys, torchKeys,
            t => [Reorder(T(t[0])), Reorder(T(t[2])), Reorder(t[1]), Tensor.ZerosLike(t[1]).Contiguous()],
            t => [T(Reorder(t[0])), Reorder(Sum(t[2], t[3], torchKeys)), T(Reorder(t[1]))]);
    }

    public static IEnumerable<WeightRule> DeZero(string nabla, string foreign)
    {
        var xW = Gates.Select(g => $"{foreign}x2{g}/W").ToArray();
        var xb = Gates.Select(g => $"{foreign}x2{g}/b").ToArray();
        var hW = Gates.Select(g => $"{foreign}h2{g}/W").ToArray();
        yield return new WeightRule([nabla + "x2h.W", nabla + "x2h.b"], [.. xW, .. xb],
            t => [.. Split(t[0], 1), .. Split(t[1], 0)],
            t => [Join(t[..4], 1, xW), Join(t[4..], 0, xb)]);
        yield return new WeightRule([nabla + "h2h.W"], hW, t => Split(t[0], 1), t => [Join(t, 1, hW)]);
    }

    private static Tensor T(Tensor t) => t.NDim == 2 ? t.Transpose().Contiguous() : t;

    /// <summary>The four gate blocks of the rows put in the other order (a tensor that is not four blocks passes unchanged, for the shape check to name).</summary>
    private static Tensor Reorder(Tensor t)
    {
        if (t.NDim is < 1 or > 2 || t.Dim(0) % 4 != 0) return t;
        int h = t.Dim(0) / 4;
        return Tensor.Concat(Order.Select(k => t.Narrow(0, k * h, h)).ToArray(), 0).Contiguous();
    }

    private static Tensor Sum(Tensor a, Tensor b, string[] keys) =>
        a.Shape.AsSpan().SequenceEqual(b.Shape) && a.DType == b.DType ? a + b
            : throw new InvalidDataException($"WeightNaming: '{keys[2]}' ({a.DType.Name()} ({string.Join(",", a.Shape)})) and '{keys[3]}' ({b.DType.Name()} ({string.Join(",", b.Shape)})) should have one shape and dtype");

    private static Tensor[] Split(Tensor t, int axis)
    {
        int h = t.Dim(axis) / 4;
        return Enumerable.Range(0, 4).Select(k => t.Narrow(axis, k * h, h).Contiguous()).ToArray();
    }

    private static Tensor Join(Tensor[] parts, int axis, string[] keys)
    {
        try
        {
            return Tensor.Concat(parts, axis).Contiguous();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"WeightNaming: the DeZero LSTM gates {string.Join(", ", keys.Select(k => $"'{k}'"))} do not fit together: {e.Message}", e);
        }
    }
}
