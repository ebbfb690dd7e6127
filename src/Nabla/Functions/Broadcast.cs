using Nabla.Autodiff;

namespace Nabla.Functions;

/// <summary>The backward side of broadcasting, shared by every elementwise function.</summary>
internal static class Broadcast
{
    /// <summary>Sums a gradient back to the shape of the input it belongs to (a no-op when the shapes match).</summary>
    public static Variable Reduce(Variable gradient, Variable input) =>
        gradient.Shape.AsSpan().SequenceEqual(input.Shape) ? gradient : F.SumTo(gradient, input.Shape);
}
