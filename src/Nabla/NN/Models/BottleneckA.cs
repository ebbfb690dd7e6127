using Nabla.Autodiff;

namespace Nabla.NN.Models;

/// <summary>A ResNet bottleneck (1x1, 3x3, 1x1 convolutions with batch norm) whose shortcut is a strided 1x1 projection.</summary>
public sealed class BottleneckA(int midChannels, int outChannels, int stride) : Layer
{
    private readonly Conv2d conv1 = new(midChannels, 1, stride, noBias: true);
    private readonly BatchNorm bn1 = new();
    private readonly Conv2d conv2 = new(midChannels, 3, 1, pad: 1, noBias: true);
    private readonly BatchNorm bn2 = new();
    private readonly Conv2d conv3 = new(outChannels, 1, 1, noBias: true);
    private readonly BatchNorm bn3 = new();
    private readonly Conv2d conv4 = new(outChannels, 1, stride, noBias: true);
    private readonly BatchNorm bn4 = new();

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        var h = F.ReLU(bn1.Call(conv1.Call(x)));
        h = F.ReLU(bn2.Call(conv2.Call(h)));
        h = bn3.Call(conv3.Call(h));
        return F.ReLU(h + bn4.Call(conv4.Call(x)));
    }
}
