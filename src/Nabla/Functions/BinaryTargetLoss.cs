using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>
/// A loss of an input (probabilities or scores) and a target of the same shape, element by element, whose backward
/// rule and JVP both come from one statement of its slopes (<see cref="Slopes"/>): the target gets a gradient when it
/// is a float tensor that asks for one, as in DeZero and PyTorch.
/// </summary>
public abstract class BinaryTargetLoss(Reduction reduction) : LossFunction(reduction)
{
    /// <summary>
    /// ∂e/∂x and ∂e/∂t of each element's loss e (the latter only when <paramref name="targetSlope"/>), on Variables so
    /// that the backward rule is differentiable again; the JVP evaluates them without a graph.
    /// </summary>
    private protected abstract (Variable Dx, Variable? Dt) Slopes(Variable x, Variable t, bool targetSlope);

    /// <inheritdoc/>
    protected internal sealed override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        var gy = LossReduction.Expand(gys[0], x.Shape, Reduction);
        // A target that asks for a gradient stays in the graph, so double backprop sees both inputs.
        bool targetGrad = InputNeedsGrad(1) && Inputs[1].DType.IsFloat();
        var t = targetGrad ? Inputs[1] : new Variable(Inputs[1].Data.AsType(x.DType));
        var (dx, dt) = Slopes(x, t, targetGrad);
        return [dx * gy, dt is null ? null : dt * gy];
    }

    /// <inheritdoc/>
    protected internal sealed override Tensor?[] Jvp(Tensor[] xs, Tensor[] txs, Tensor[] ys)
    {
        var x = xs[0];
        using var noGraph = Config.NoGrad();
        var (dx, dt) = Slopes(new Variable(x), new Variable(xs[1].AsType(x.DType)), xs[1].DType.IsFloat());
        var tangent = dx.Data * txs[0];
        if (dt is not null) tangent += dt.Data * txs[1].AsType(x.DType);
        return [LossReduction.Reduce(tangent, Reduction)];
    }
}
