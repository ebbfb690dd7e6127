using Nabla.Autodiff;

namespace Nabla.NN.Models;

/// <summary>
/// ResNet-50/101/152 (He et al.), as DeZero's: a 7x7 strided convolution, max pooling, four stages of
/// bottleneck blocks, global average pooling and a linear classifier. Input (N, 3, 224, 224); any size
/// of at least 32x32 works. Nothing is downloaded: load weights with <c>model.LoadWeights(path)</c> (Nabla.IO).
/// </summary>
public sealed class ResNet : Model
{
    private readonly Conv2d conv1 = new(64, 7, 2, pad: 3);
    private readonly BatchNorm bn1 = new();
    private readonly BuildingBlock res2, res3, res4, res5;
    private readonly Linear fc6;

    /// <param name="layers">The depth: 50, 101 or 152.</param>
    /// <param name="classes">The number of output scores.</param>
    /// <exception cref="ArgumentException"><paramref name="layers"/> is not 50, 101 or 152.</exception>
    public ResNet(int layers = 152, int classes = 1000)
    {
        int[] blocks = layers switch
        {
            50 => [3, 4, 6, 3],
            101 => [3, 4, 23, 3],
            152 => [3, 8, 36, 3],
            _ => throw new ArgumentException($"ResNet: {layers} layers is not one of 50, 101, 152", nameof(layers)),
        };
        Depth = layers;
        res2 = new BuildingBlock(blocks[0], 64, 256, 1);
        res3 = new BuildingBlock(blocks[1], 128, 512, 2);
        res4 = new BuildingBlock(blocks[2], 256, 1024, 2);
        res5 = new BuildingBlock(blocks[3], 512, 2048, 2);
        fc6 = new Linear(classes);
    }

    /// <summary>50, 101 or 152.</summary>
    public int Depth { get; }

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        x = F.ReLU(bn1.Call(conv1.Call(x)));
        x = F.Pooling(x, 3, 2);
        x = res5.Call(res4.Call(res3.Call(res2.Call(x))));
        x = F.AveragePooling(x, (x.Shape[2], x.Shape[3]));
        return fc6.Call(F.Reshape(x, x.Shape[0], -1));
    }
}
