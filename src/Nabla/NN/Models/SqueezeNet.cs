using Nabla.Autodiff;

namespace Nabla.NN.Models;

/// <summary>
/// SqueezeNet 1.1 (Iandola et al.): fire modules between max poolings, a 1x1 convolution to the classes
/// and global average pooling. Pooling rounds down (PyTorch's version rounds up), so spatial sizes can
/// differ by one on odd inputs. Nothing is downloaded: load weights with <c>model.LoadWeights(path)</c> (Nabla.IO).
/// </summary>
public sealed class SqueezeNet : Model
{
    private readonly Conv2d conv1 = new(64, 3, 2);
    private readonly Fire fire2 = new(16, 64, 64), fire3 = new(16, 64, 64);
    private readonly Fire fire4 = new(32, 128, 128), fire5 = new(32, 128, 128);
    private readonly Fire fire6 = new(48, 192, 192), fire7 = new(48, 192, 192);
    private readonly Fire fire8 = new(64, 256, 256), fire9 = new(64, 256, 256);
    private readonly Conv2d conv10;

    /// <param name="classes">The number of output scores.</param>
    public SqueezeNet(int classes = 1000)
    {
        conv10 = new Conv2d(classes, 1);
    }

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        x = F.Pooling(F.ReLU(conv1.Call(x)), 3, 2);
        x = F.Pooling(fire3.Call(fire2.Call(x)), 3, 2);
        x = F.Pooling(fire5.Call(fire4.Call(x)), 3, 2);
        x = fire9.Call(fire8.Call(fire7.Call(fire6.Call(x))));
        x = F.ReLU(conv10.Call(F.Dropout(x)));
        x = F.AveragePooling(x, (x.Shape[2], x.Shape[3]));
        return F.Reshape(x, x.Shape[0], -1);
    }
}
