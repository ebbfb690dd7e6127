using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Optimizers;

/// <summary>
/// One parameter and the gradient an optimizer is about to apply to it: a private copy of
/// <c>Parameter.Grad</c>, so hooks can change it in place without touching the graph's gradients.
/// </summary>
public sealed class GradientEntry(Parameter parameter, Tensor gradient)
{
    /// <summary>The parameter to be updated.</summary>
    public Parameter Parameter { get; } = parameter;

    /// <summary>The gradient to apply; hooks may modify it in place.</summary>
    public Tensor Gradient { get; } = gradient;

    /// <summary>Set by a hook (<see cref="FreezeParam"/>) to leave this parameter unchanged in this update.</summary>
    public bool Frozen { get; set; }
}
