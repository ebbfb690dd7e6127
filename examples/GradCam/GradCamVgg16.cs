using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Models;

namespace Nabla.Examples.GradCam;

/// <summary>
/// VGG16 whose forward pass also hands back conv5_3's output, the Variable DeZero reads as
/// <c>model.conv5_3.outputs[0]()</c>: its gradient, kept by <c>Backward(retainGrad: true)</c>, is what Grad-CAM needs.
/// </summary>
internal sealed class GradCamVgg16 : VGG16
{
    /// <summary>The class scores (1, 1000) and the last convolution's output (1, 512, h/16, w/16), before its ReLU.</summary>
    public (Variable Scores, Variable LastConv) ForwardKeepingLastConv(Variable x)
    {
        x = Block(x, conv1_1, conv1_2);
        x = Block(x, conv2_1, conv2_2);
        x = Block(x, conv3_1, conv3_2, conv3_3);
        x = Block(x, conv4_1, conv4_2, conv4_3);
        x = F.ReLU(conv5_2.Forward(F.ReLU(conv5_1.Forward(x))));
        var lastConv = conv5_3.Forward(x);
        x = F.Pooling(F.ReLU(lastConv), 2, 2);
        x = F.Reshape(x, x.Shape[0], -1);
        x = F.Dropout(F.ReLU(fc6.Forward(x)));
        x = F.Dropout(F.ReLU(fc7.Forward(x)));
        return (fc8.Forward(x), lastConv);
    }

    private static Variable Block(Variable x, params Conv2d[] convs)
    {
        foreach (var conv in convs) x = F.ReLU(conv.Forward(x));
        return F.Pooling(x, 2, 2);
    }
}
