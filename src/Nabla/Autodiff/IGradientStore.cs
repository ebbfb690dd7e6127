using Nabla.Tensors;

namespace Nabla.Autodiff;

/// <summary>
/// Where a backward pass keeps gradients. The walk (<see cref="Backprop"/>) asks it for the gradients to hand to a
/// backward rule, gives it what the rule returned, and then lets it release what nobody reads any more.
/// <see cref="KeptGradients"/> keeps everything as it is (retainGrad, createGraph); <see cref="RecycledGradients"/>
/// reuses storage in the usual pass, with the same results.
/// </summary>
internal interface IGradientStore
{
    /// <summary>The gradient the pass starts from when the root has none: ones shaped like the root's value.</summary>
    Variable Seed(Tensor root);

    /// <summary>The gradients of <paramref name="f"/>'s outputs, about to be handed to its backward rule.</summary>
    Variable[] Consume(Function f);

    /// <summary>Adds each gradient <paramref name="gxs"/> (checked, one per input) to its input's gradient.</summary>
    void Accumulate(Function f, Variable[] gys, Variable?[] gxs);

    /// <summary>Once the rule's results are stored: frees the storage of what the rule consumed, if nobody else reads it.</summary>
    void Release(Variable?[] gxs);
}
