using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN.Models;

/// <summary>
/// VGG-16 (Simonyan and Zisserman), as DeZero's: thirteen 3x3 convolutions in five blocks with max
/// pooling, then three linear layers (4096, 4096, classes) with dropout. Input (N, 3, 224, 224), made from an image by
/// <see cref="Preprocess"/>. Nothing is downloaded: load converted weights with <c>model.LoadWeights(path)</c>
/// (Nabla.IO; DeZero's <c>vgg16.npz</c> keys <c>conv1_1/W</c> ... <c>fc8/b</c> and these layer names both load).
/// </summary>
/// <remarks>
/// The layers are public and keep DeZero's snake_case names, which are also the checkpoint keys, so code can read
/// intermediate results (style transfer's features, Grad-CAM's conv5_3) or run the blocks itself.
/// </remarks>
public class VGG16 : Model
{
    /// <summary>The per-channel means, in BGR order, that the original network's inputs had subtracted.</summary>
    public static readonly double[] MeanBgr = [103.939, 116.779, 123.68];

    /// <summary>Creates the network with freshly initialised weights and <paramref name="classes"/> outputs.</summary>
    public VGG16(int classes = 1000)
    {
        if (classes <= 0) throw new ArgumentOutOfRangeException(nameof(classes), $"VGG16: classes must be positive, got {classes}");
        fc8 = new Linear(classes);
    }

#pragma warning disable IDE1006 // DeZero's names are the checkpoint keys.
    /// <summary>Block 1, first convolution (64 channels).</summary>
    public Conv2d conv1_1 { get; } = new(64, 3, pad: 1);
    /// <summary>Block 1, second convolution (64 channels).</summary>
    public Conv2d conv1_2 { get; } = new(64, 3, pad: 1);
    /// <summary>Block 2, first convolution (128 channels).</summary>
    public Conv2d conv2_1 { get; } = new(128, 3, pad: 1);
    /// <summary>Block 2, second convolution (128 channels).</summary>
    public Conv2d conv2_2 { get; } = new(128, 3, pad: 1);
    /// <summary>Block 3, first convolution (256 channels).</summary>
    public Conv2d conv3_1 { get; } = new(256, 3, pad: 1);
    /// <summary>Block 3, second convolution (256 channels).</summary>
    public Conv2d conv3_2 { get; } = new(256, 3, pad: 1);
    /// <summary>Block 3, third convolution (256 channels).</summary>
    public Conv2d conv3_3 { get; } = new(256, 3, pad: 1);
    /// <summary>Block 4, first convolution (512 channels).</summary>
    public Conv2d conv4_1 { get; } = new(512, 3, pad: 1);
    /// <summary>Block 4, second convolution (512 channels).</summary>
    public Conv2d conv4_2 { get; } = new(512, 3, pad: 1);
    /// <summary>Block 4, third convolution (512 channels).</summary>
    public Conv2d conv4_3 { get; } = new(512, 3, pad: 1);
    /// <summary>Block 5, first convolution (512 channels).</summary>
    public Conv2d conv5_1 { get; } = new(512, 3, pad: 1);
    /// <summary>Block 5, second convolution (512 channels).</summary>
    public Conv2d conv5_2 { get; } = new(512, 3, pad: 1);
    /// <summary>Block 5, third convolution (512 channels): the last feature map, the one Grad-CAM reads.</summary>
    public Conv2d conv5_3 { get; } = new(512, 3, pad: 1);
    /// <summary>The first fully connected layer (4096 outputs).</summary>
    public Linear fc6 { get; } = new(4096);
    /// <summary>The second fully connected layer (4096 outputs).</summary>
    public Linear fc7 { get; } = new(4096);
    /// <summary>The classifier (one output per class).</summary>
    public Linear fc8 { get; }
#pragma warning restore IDE1006

    /// <inheritdoc/>
    public override Variable Forward(Variable x)
    {
        x = Block(x, conv1_1, conv1_2);
        x = Block(x, conv2_1, conv2_2);
        x = Block(x, conv3_1, conv3_2, conv3_3);
        x = Block(x, conv4_1, conv4_2, conv4_3);
        x = Block(x, conv5_1, conv5_2, conv5_3);
        x = F.Reshape(x, x.Shape[0], -1);
        x = F.Dropout(F.ReLU(fc6.Call(x)));
        x = F.Dropout(F.ReLU(fc7.Call(x)));
        return fc8.Call(x);
    }

    /// <summary>
    /// An image (height, width, 3) in RGB with values 0 to 255, as loaded, to the network's input (3, height, width):
    /// resized (bilinear, see <see cref="Tensor.ResizeBilinear"/>), channels in BGR order, <see cref="MeanBgr"/> subtracted, as
    /// DeZero's <c>VGG16.preprocess</c>. Add a batch axis (<c>x.Reshape(1, 3, h, w)</c>) before calling the model.
    /// </summary>
    /// <exception cref="ArgumentException">The image is not (height, width, 3).</exception>
    public static Tensor Preprocess(Tensor image, int height = 224, int width = 224)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.NDim != 3 || image.Dim(2) != 3)
            throw new ArgumentException($"VGG16.Preprocess: an image is (height, width, 3) in RGB, got shape {image.ShapeString}");
        var chw = image.AsType(DType.Float32).Transpose(2, 0, 1).ResizeBilinear(height, width);
        return chw[new Slice(null, null, -1)] - Means(chw.DType);
    }

    /// <summary>The inverse of <see cref="Preprocess"/> (without the resize): (3, height, width) in BGR with the means
    /// subtracted back to an RGB (height, width, 3) image with values 0 to 255, clamped.</summary>
    public static Tensor Deprocess(Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.NDim != 3 || x.Dim(0) != 3)
            throw new ArgumentException($"VGG16.Deprocess: needs (3, height, width) in BGR, got shape {x.ShapeString}");
        var rgb = (x + Means(x.DType))[new Slice(null, null, -1)];
        return rgb.Transpose(1, 2, 0).Clip(0, 255).Contiguous();
    }

    private static Tensor Means(DType dtype) => Tensor.FromSpan<double>(MeanBgr, 3, 1, 1).AsType(dtype);

    private static Variable Block(Variable x, params Conv2d[] convs)
    {
        foreach (var conv in convs) x = F.ReLU(conv.Call(x));
        return F.Pooling(x, 2, 2);
    }
}
