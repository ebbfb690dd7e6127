using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>Values limited to [min, max]; the gradient passes where x lies inside.</summary>
public sealed class Clip(double min, double max) : UnaryElementwise
{
    /// <summary>The lower bound.</summary>
    public double Min { get; } = min;
    /// <summary>The upper bound.</summary>
    public double Max { get; } = max;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [xs[0].Clip(Min, Max)];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => new Variable(Tensor.LogicalAnd(x.Data.Ge(Min), x.Data.Le(Max)).AsType(x.DType));
}
