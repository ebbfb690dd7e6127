using System.Diagnostics;
using Nabla.Autodiff;
using Nabla.NN;
using Nabla.NN.Models;
using Nabla.Tensors;
using Xunit.Abstractions;

namespace Nabla.Tests.NN;

/// <summary>
/// VGG16, ResNet and SqueezeNet: cheap to build (every weight waits for the first input), named as DeZero and
/// the checkpoints expect, one forward pass at a small input, and the exact parameter counts of the published
/// architectures.
/// </summary>
public class ModelZooTests(ITestOutputHelper output)
{
    private static Tensor Images(int n, int size) => Tensor.Rand(new Generator(3), n, 3, size, size);

    private static Tensor Forward(Layer model, Tensor x)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        return model.Forward(x).Data;
    }

    [Fact]
    public void ModelsAreCheapToBuildAndNamedAsDeZero()
    {
        var vgg = new VGG16();
        var resnet = new ResNet(50);
        var squeeze = new SqueezeNet();
        // Only biases exist before the first call: the weights' input sizes are inferred then.
        Assert.True(vgg.ParameterCount() + resnet.ParameterCount() + squeeze.ParameterCount() < 100_000);

        var vggNames = vgg.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal(32, vggNames.Count);
        Assert.Equal(["conv1_1.W", "conv1_1.b", "conv1_2.W"], vggNames.Take(3));
        Assert.Contains("conv3_3.W", vggNames);
        Assert.Contains("conv5_3.b", vggNames);
        Assert.Equal(["fc6.W", "fc6.b", "fc7.W", "fc7.b", "fc8.W", "fc8.b"], vggNames.TakeLast(6));

        var resnetNames = resnet.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal(["conv1.W", "conv1.b", "bn1.gamma", "bn1.beta", "bn1.avg_mean", "bn1.avg_var"], resnetNames.Take(6));
        foreach (var name in new[] { "res2.a0.conv1.W", "res2.a0.conv4.W", "res2.a0.bn4.avg_var", "res2.a2.conv3.W", "res3.a3.bn2.gamma", "res4.a5.conv2.W", "res5.a2.bn3.beta" })
            Assert.Contains(name, resnetNames);
        // Stages of 3, 4, 6 and 3 blocks; only the first of each projects its shortcut (conv4), and convolutions have no bias.
        Assert.DoesNotContain("res2.a3.conv1.W", resnetNames);
        Assert.DoesNotContain("res2.a1.conv4.W", resnetNames);
        Assert.DoesNotContain("res2.a0.conv1.b", resnetNames);
        Assert.Equal(["fc6.W", "fc6.b"], resnetNames.TakeLast(2));
        // The stem, three convolutions in each of 16 blocks, 4 projections, and the classifier; a batch norm after each convolution.
        Assert.Equal(1 + 16 * 3 + 4 + 1, resnetNames.Count(n => n.EndsWith(".W", StringComparison.Ordinal)));
        Assert.Equal(1 + 16 * 3 + 4, resnetNames.Count(n => n.EndsWith(".gamma", StringComparison.Ordinal)));

        var squeezeNames = squeeze.NamedParameters().Select(p => p.Name).ToList();
        Assert.Equal(["conv1.W", "conv1.b", "fire2.squeezeConv.W", "fire2.squeezeConv.b", "fire2.expand1.W", "fire2.expand1.b", "fire2.expand3.W", "fire2.expand3.b"], squeezeNames.Take(8));
        Assert.Contains("fire9.expand3.W", squeezeNames);
        Assert.Equal(["conv10.W", "conv10.b"], squeezeNames.TakeLast(2));
        Assert.Equal(2 + 8 * 6 + 2, squeezeNames.Count);
    }

    /// <summary>A parameter count by hand: convolution weights, our batch norms' four vectors, the stem's bias.</summary>
    private static long ResNetCount(int[] blocks, int classes, int bnVectors, bool stemBias)
    {
        static long Conv(long cin, long cout, long k) => cin * cout * k * k;
        long Bn(long c) => bnVectors * c;
        long total = Conv(3, 64, 7) + (stemBias ? 64 : 0) + Bn(64);
        long cin = 64;
        int[] mids = [64, 128, 256, 512];
        for (int s = 0; s < 4; s++)
        {
            long mid = mids[s], cout = 4 * mid;
            // BottleneckA: 1x1, 3x3, 1x1 and the 1x1 projection of the shortcut.
            total += Conv(cin, mid, 1) + Bn(mid) + Conv(mid, mid, 3) + Bn(mid) + Conv(mid, cout, 1) + Bn(cout) + Conv(cin, cout, 1) + Bn(cout);
            // BottleneckB: the identity shortcut.
            total += (blocks[s] - 1) * (Conv(cout, mid, 1) + Bn(mid) + Conv(mid, mid, 3) + Bn(mid) + Conv(mid, cout, 1) + Bn(cout));
            cin = cout;
        }
        return total + 2048L * classes + classes;
    }

    [Fact]
    public void ResNet50ClassifiesSmallImagesAndHasTheExactParameterCount()
    {
        // The formula gives torchvision's published resnet50 count with its two trainable vectors per batch norm.
        Assert.Equal(25_557_032, ResNetCount([3, 4, 6, 3], 1000, bnVectors: 2, stemBias: false));

        var clock = Stopwatch.StartNew();
        var model = new ResNet(50);
        var y = Forward(model, Images(2, 32));
        output.WriteLine($"ResNet50 forward at 2x3x32x32: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal([2, 1000], y.Shape);
        Assert.True(y.Abs().Max().Item() > 0);
        Assert.DoesNotContain(y.ToArray<float>(), float.IsNaN);
        Assert.Equal(ResNetCount([3, 4, 6, 3], 1000, bnVectors: 4, stemBias: true), model.ParameterCount());
        long trainable = model.NamedParameters()
            .Where(p => !p.Name.EndsWith("avg_mean", StringComparison.Ordinal) && !p.Name.EndsWith("avg_var", StringComparison.Ordinal) && p.Name != "conv1.b")
            .Sum(p => (long)p.Parameter.Size);
        Assert.Equal(25_557_032, trainable);
        Assert.Equal(101, new ResNet(101).Depth);
        Assert.Throws<ArgumentException>(() => new ResNet(34));
    }

    [Fact]
    public void ResNetWithFewerClassesReadsOutThem()
    {
        var model = new ResNet(50, classes: 7);
        Assert.Equal([1, 7], Forward(model, Images(1, 40)).Shape);
        Assert.Equal(ResNetCount([3, 4, 6, 3], 7, bnVectors: 4, stemBias: true), model.ParameterCount());
    }

    [Fact]
    public void SqueezeNetClassifiesSmallImagesAndHasTheExactParameterCount()
    {
        var clock = Stopwatch.StartNew();
        var model = new SqueezeNet();
        var y = Forward(model, Images(2, 64));
        output.WriteLine($"SqueezeNet forward at 2x3x64x64: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal([2, 1000], y.Shape);
        Assert.DoesNotContain(y.ToArray<float>(), float.IsNaN);
        // torchvision's squeezenet1_1.
        Assert.Equal(1_235_496, model.ParameterCount());
    }

    [Fact]
    public void Vgg16InfersItsFirstLinearLayerFromTheInput()
    {
        var clock = Stopwatch.StartNew();
        var model = new VGG16(classes: 10);
        var y = Forward(model, Images(1, 32));
        output.WriteLine($"VGG16 forward at 1x3x32x32: {clock.Elapsed.TotalSeconds:F2} s");
        Assert.Equal([1, 10], y.Shape);
        var fc6 = model.NamedParameters().Single(p => p.Name == "fc6.W").Parameter;
        // Five poolings take 32x32 to 1x1: fc6 sees 512 inputs instead of 512*7*7 at 224x224.
        Assert.Equal([512, 4096], fc6.Shape);
        // torchvision's vgg16 (138,357,544 with 1000 classes) less fc6's missing rows and fc8's missing columns.
        Assert.Equal(138_357_544L - (512 * 7 * 7 - 512) * 4096 - 4096 * 990 - 990, model.ParameterCount());
    }

    [Fact]
    public void PlotDrawsTheGraphOfOneForwardPass()
    {
        var model = new SqueezeNet(classes: 5);
        string dot = model.Plot(new Variable(Images(1, 48)));
        Assert.StartsWith("digraph g {", dot);
        Assert.EndsWith("}\n", dot);
        foreach (var function in new[] { "\"Conv2d\"", "\"ReLU\"", "\"Pooling\"", "\"Concat\"", "\"Dropout\"", "\"AveragePooling\"", "\"Reshape\"" })
            Assert.Contains($"[label={function}, color=lightblue, style=filled, shape=box]", dot);
        // Parameters are labelled with their names, shapes and dtypes; 26 convolutions take a weight each.
        Assert.Contains("label=\"W: (64,3,3,3) float32\", color=orange", dot);
        Assert.Contains("label=\"b: (5,) float32\"", dot);
        Assert.Equal(26, CountOf(dot, "\"Conv2d\""));
        Assert.Equal(8, CountOf(dot, "\"Concat\""));
        Assert.Contains("-> ", dot);
        Assert.DoesNotContain("(64,3,3,3)", model.Plot(new Variable(Images(1, 48)), verbose: false));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }
}
