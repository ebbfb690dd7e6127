using Nabla.Autodiff;

namespace Nabla.NN.Models;

/// <summary>
/// VGG-16 (Simonyan and Zisserman), as DeZero's: thirteen 3x3 convolutions in five blocks with max
/// pooling, then three linear layers (4096, 4096, classes) with dropout. Input (N, 3, 224, 224).
/// Nothing is downloaded: load weights with <c>model.LoadWeights(path)</c> (Nabla.IO; safetensors or npz with these layer names).
/// </summary>
public sealed class VGG16 : Model
{
    private readonly Conv2d conv1_1 = new(64, 3, pad: 1), conv1_2 = new(64, 3, pad: 1);
    private readonly Conv2d conv2_1 = new(128, 3, pad: 1), conv2_2 = new(128, 3, pad: 1);
    private readonly Conv2d conv3_1 = new(256, 3, pad: 1), conv3_2 = new(256, 3, pad: 1), conv3_3 = new(256, 3, pad: 1);
    private readonly Conv2d conv4_1 = new(512, 3, pad: 1), conv4_2 = new(512, 3, pad: 1), conv4_3 = new(512, 3, pad: 1);
    private readonly Conv2d conv5_1 = new(512, 3, pad: 1), conv5_2 = new(512, 3, pad: 1), conv5_3 = new(512, 3, pad: 1);
    private readonly Linear fc6 = new(4096), fc7 = new(4096);
    private readonly Linear fc8;

    /// <param name="classes">The number of output scores.</param>
    public VGG16(int classes = 1000)
    {
        fc8 = new Linear(classes);
    }

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        x = Block(x, conv1_1, conv1_2);
        x = Block(x, conv2_1, conv2_2);
        x = Block(x, conv3_1, conv3_2, conv3_3);
        x = Block(x, conv4_1, conv4_2, conv4_3);
        x = Block(x, conv5_1, conv5_2, conv5_3);
        x = F.Reshape(x, x.Shape[0], -1);
        x = F.Dropout(F.ReLU(fc6.Forward(x)));
        x = F.Dropout(F.ReLU(fc7.Forward(x)));
        return fc8.Forward(x);
    }

    private static Variable Block(Variable x, params Conv2d[] convs)
    {
        foreach (var conv in convs) x = F.ReLU(conv.Forward(x));
        return F.Pooling(x, 2, 2);
    }
}
