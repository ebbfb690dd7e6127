using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>mean((x0 - x1)²) over all elements (PyTorch's MSELoss); the two shapes must match.</summary>
public sealed class MeanSquaredError : Function
{
    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs)
    {
        if (!xs[0].Shape.AsSpan().SequenceEqual(xs[1].Shape))
            throw new ArgumentException($"MeanSquaredError: shapes ({string.Join(",", xs[0].Shape)}) and ({string.Join(",", xs[1].Shape)}) differ");
        var diff = xs[0] - xs[1];
        return [(diff * diff).Sum() / (double)Math.Max(diff.Size, 1)];
    }

    /// <inheritdoc/>
    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var diff = Inputs[0] - Inputs[1];
        var gx0 = F.BroadcastTo(gys[0], diff.Shape) * diff * (2.0 / Math.Max(diff.Size, 1));
        return [gx0, -gx0];
    }

    /// <inheritdoc/>
    protected internal override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var diff = xs[0] - xs[1];
        return [(diff * (txs[0] - txs[1])).Sum() * (2.0 / Math.Max(diff.Size, 1))];
    }
}
