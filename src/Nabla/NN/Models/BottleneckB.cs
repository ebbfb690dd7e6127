using Nabla.Autodiff;

namespace Nabla.NN.Models;

/// <summary>A ResNet bottleneck whose shortcut is the identity.</summary>
public sealed class BottleneckB(int midChannels, int channels) : Layer
{
    private readonly Conv2d conv1 = new(midChannels, 1, noBias: true);
    private readonly BatchNorm bn1 = new();
    private readonly Conv2d conv2 = new(midChannels, 3, pad: 1, noBias: true);
    private readonly BatchNorm bn2 = new();
    private readonly Conv2d conv3 = new(channels, 1, noBias: true);
    private readonly BatchNorm bn3 = new();

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        var h = F.ReLU(bn1.Call(conv1.Call(x)));
        h = F.ReLU(bn2.Call(conv2.Call(h)));
        return F.ReLU(bn3.Call(conv3.Call(h)) + x);
    }
}
