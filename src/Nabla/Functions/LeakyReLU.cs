using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.Functions;

/// <summary>x where x &gt; 0, else slope·x.</summary>
public sealed class LeakyReLU(double slope = 0.2) : UnaryElementwise
{
    /// <summary>The factor applied to negative inputs (0.2 by default).</summary>
    public double SlopeBelowZero { get; } = slope;

    /// <inheritdoc/>
    protected internal override Tensor[] Forward(Tensor[] xs) => [Tensor.Where(xs[0].Gt(0.0), xs[0], xs[0] * SlopeBelowZero)];

    /// <inheritdoc/>
    protected override Variable Slope(Variable x, Variable y) => new Variable(Tensor.Where(x.Data.Gt(0.0), Tensor.Scalar(1.0, x.DType), Tensor.Scalar(SlopeBelowZero, x.DType)));
}
