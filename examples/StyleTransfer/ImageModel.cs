using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Examples.StyleTransfer;

/// <summary>The image being optimised as the one parameter of a model, so that an optimizer can update it (DeZero's <c>gen_model.param</c>).</summary>
internal sealed class ImageModel(Tensor start) : Model
{
    /// <summary>The generated image (1, 3, H, W), preprocessed as VGG16's input.</summary>
    public Parameter Image { get; } = new(start.Copy(), "image");

    /// <summary>The image itself: the model has no computation of its own.</summary>
    public override Variable Forward(Variable x) => Image;
}
