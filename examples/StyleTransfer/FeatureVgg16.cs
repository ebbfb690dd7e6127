using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Models;

namespace Nabla.Examples.StyleTransfer;

/// <summary>
/// VGG16's convolutions as a feature extractor, DeZero's <c>VGG16.extract</c>: every convolution's ReLU output by
/// layer name, with average pooling between the blocks (smoother gradients for the image than max pooling); the
/// classifier layers are not used.
/// </summary>
internal sealed class FeatureVgg16 : VGG16
{
    /// <summary>The features of <paramref name="x"/> (N, 3, H, W) at every convolution, by DeZero's layer names.</summary>
    public Dictionary<string, Variable> Extract(Variable x)
    {
        var features = new Dictionary<string, Variable>();
        Conv2d[][] blocks =
        [
            [conv1_1, conv1_2], [conv2_1, conv2_2], [conv3_1, conv3_2, conv3_3],
            [conv4_1, conv4_2, conv4_3], [conv5_1, conv5_2, conv5_3],
        ];
        for (int b = 0; b < blocks.Length; b++)
        {
            if (b > 0) x = F.AveragePooling(x, 2, 2);
            for (int c = 0; c < blocks[b].Length; c++) features[$"conv{b + 1}_{c + 1}"] = x = F.ReLU(blocks[b][c].Forward(x));
        }
        return features;
    }
}
