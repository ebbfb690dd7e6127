using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Checks shared by the binary cross-entropies: matching shapes and values inside [0, 1].</summary>
internal static class BinaryTargets
{
    /// <summary>Throws unless <paramref name="t"/> has the shape of <paramref name="x"/> and every target lies in [0, 1].</summary>
    public static void Check(string op, Tensor x, Tensor t, string inputName)
    {
        if (!x.DType.IsFloat())
            throw new ArgumentException($"{op}: {inputName} must be a float tensor, got dtype {x.DType.Name()}");
        if (!x.Shape.AsSpan().SequenceEqual(t.Shape))
            throw new ArgumentException($"{op}: {inputName} of shape {x.ShapeString} and targets of shape {t.ShapeString} differ; reshape one to the other");
        CheckRange(op, t, "target");
    }

    /// <summary>Throws unless every value lies in [0, 1] (NaN fails too).</summary>
    public static void CheckRange(string op, Tensor values, string what)
    {
        foreach (double v in values.ToDoubleArray())
            if (!(v >= 0 && v <= 1))
                throw new ArgumentException($"{op}: {what} {v} is outside [0, 1]");
    }

    /// <summary>The number of elements a mean divides by (1 for an empty tensor, so the loss is 0, not NaN).</summary>
    public static double Count(Tensor x) => Math.Max(x.Size, 1);
}
