using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// The squared error (x0 - x1)², reduced by <see cref="Reduction"/>: by default its mean over all elements
/// (PyTorch's MSELoss); <see cref="Reduction.BatchMean"/> is DeZero's sum / len(diff). Shapes that differ are
/// matched as a ported DeZero program needs: with as many elements, x1 is read in x0's shape (a (1,1) prediction
/// against a (1) target, (N,1) against (N)); otherwise one input must broadcast to the other's shape. Unlike
/// DeZero's plain <c>x0 - x1</c>, shapes that would only broadcast into a bigger one ((N,1) against (1,N)) are an
/// error, not a silent N×N loss. Each input's gradient comes back in its own shape.
/// </summary>
public sealed class MeanSquaredError(Reduction reduction = Reduction.Mean) : LossFunction(reduction)
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        var (x0, x1) = (xs[0], xs[1]);
        var diff = Reshaped(x0.Shape, x1.Shape) ? x0 - x1.Reshape(x0.Shape) : Broadcast(x0, x1);
        return [LossReduction.Reduce(diff * diff, Reduction)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        // The reshape and broadcast are graph operations here, so their own backward rules restore each shape.
        var (x0, x1) = (Inputs[0], Inputs[1]);
        var diff = Reshaped(x0.Shape, x1.Shape) ? x0 - F.Reshape(x1, x0.Shape) : x0 - x1;
        var g = LossReduction.Expand(gys[0], diff.Shape, Reduction) * Slope(diff);
        var g1 = -g;
        if (Reshaped(x0.Shape, x1.Shape)) return [g, F.Reshape(g1, x1.Shape)];
        return [F.SumTo(g, x0.Shape), F.SumTo(g1, x1.Shape)];
    }

    private static bool Reshaped(int[] s0, int[] s1) =>
        !s0.AsSpan().SequenceEqual(s1) && s0.Aggregate(1L, (n, d) => n * d) == s1.Aggregate(1L, (n, d) => n * d);

    private static Tensor Broadcast(Tensor x0, Tensor x1)
    {
        Tensor? diff = null;
        try
        {
            diff = x0 - x1;
        }
        catch (ArgumentException)
        {
        }
        if (diff is null || !(diff.Shape.AsSpan().SequenceEqual(x0.Shape) || diff.Shape.AsSpan().SequenceEqual(x1.Shape)))
            throw new ArgumentException($"MeanSquaredError: shapes {x0.ShapeString} and {x1.ShapeString} neither have as many elements nor broadcast one to the other");
        return diff;
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        bool reshaped = Reshaped(xs[0].Shape, xs[1].Shape);
        var diff = reshaped ? xs[0] - xs[1].Reshape(xs[0].Shape) : xs[0] - xs[1];
        var tangent = txs[0] - (reshaped ? txs[1].Reshape(xs[0].Shape) : txs[1]);
        using var noGraph = Config.NoGrad();
        return [LossReduction.Reduce(Slope(new Variable(diff)).Data * tangent, Reduction)];
    }

    /// <summary>∂e/∂x0 = 2·(x0 − x1) of each element's squared error e (∂e/∂x1 is its negative): the one statement of the derivative.</summary>
    private static Variable Slope(Variable diff) => diff * 2.0;
}
