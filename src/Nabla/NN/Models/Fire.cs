using Nabla.Autodiff;

namespace Nabla.NN.Models;

/// <summary>SqueezeNet's fire module: a 1x1 squeeze, then 1x1 and 3x3 expansions joined along the channels.</summary>
public sealed class Fire(int squeeze, int expand1x1, int expand3x3) : Layer
{
    private readonly Conv2d squeezeConv = new(squeeze, 1);
    private readonly Conv2d expand1 = new(expand1x1, 1);
    private readonly Conv2d expand3 = new(expand3x3, 3, pad: 1);

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        var s = F.ReLU(squeezeConv.Call(x));
        return F.Concat([F.ReLU(expand1.Call(s)), F.ReLU(expand3.Call(s))], axis: 1);
    }
}
