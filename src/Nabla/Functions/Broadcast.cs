using Nabla.Autodiff;

namespace Nabla.Functions;

/// <summary>The backward side of broadcasting, shared by every elementwise function.</summary>
internal static class Broadcast
{
    /// <summary>Sums a gradient back to the shape of the input it belongs to (a no-op when the shapes match).</summary>
    public static Variable Reduce(Variable gradient, Variable input) =>
        gradient.Data.ShapeSpan.SequenceEqual(input.Data.ShapeSpan) ? gradient : F.SumTo(gradient, input.Shape);

    /// <summary>The input's shape with the reduced axes (all when <paramref name="axis"/> is null) kept as length 1.</summary>
    public static int[] KeptShape(int[] shape, int? axis)
    {
        var kept = (int[])shape.Clone();
        for (int i = 0; i < kept.Length; i++)
            if (axis is null || i == (axis.Value < 0 ? axis.Value + kept.Length : axis.Value)) kept[i] = 1;
        return kept;
    }

    /// <summary>The input's shape with the reduced axes (all when <paramref name="axes"/> is null) kept as length 1.</summary>
    public static int[] KeptShape(int[] shape, int[]? axes)
    {
        var kept = (int[])shape.Clone();
        foreach (int a in Tensors.ShapeUtil.NormalizeAxes(axes, kept.Length, "KeptShape")) kept[a] = 1;
        return kept;
    }
}
