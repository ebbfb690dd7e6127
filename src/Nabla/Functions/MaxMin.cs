using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Maximum (or minimum) over an axis or all; the gradient flows to every element equal to the result.</summary>
public sealed class MaxMin(bool max, int? axis = null, bool keepDims = false) : Function
{
    public bool IsMax { get; } = max;
    public int? Axis { get; } = axis;
    public bool KeepDims { get; } = keepDims;

    public override string Name => IsMax ? "Max" : "Min";

    protected internal override Tensor[] Forward(Tensor[] xs) => [IsMax ? xs[0].Max(Axis, KeepDims) : xs[0].Min(Axis, KeepDims)];

    protected internal override Variable?[] Backward(Variable[] gys)
    {
        var x = Inputs[0];
        var kept = x.Shape;
        for (int i = 0; i < kept.Length; i++)
            if (Axis is null || i == (Axis.Value < 0 ? Axis.Value + kept.Length : Axis.Value)) kept[i] = 1;
        var y = Output().Data.Reshape(kept);
        var mask = x.Data.Eq(y).AsType(x.DType);
        return [F.BroadcastTo(F.Reshape(gys[0], kept), x.Shape) * mask];
    }
}
