using Nabla.Autodiff;
using Nabla.IO;
using Nabla.NN.Models;
using Nabla.Tensors;
using Nabla.Tests.IO;

namespace Nabla.Tests.NN;

/// <summary>VGG16's DeZero-style preprocessing, its public layers and its weights under DeZero's names.</summary>
public class VGG16Tests
{
    [Fact]
    public void PreprocessResizesSwapsToBgrAndSubtractsTheMeans()
    {
        // A flat RGB (10, 20, 30) image stays flat when resized; channel 0 is then blue.
        var image = Tensor.Zeros(7, 9, 3) + Tensor.FromSpan<float>([10f, 20f, 30f], 1, 1, 3);
        var x = VGG16.Preprocess(image, 4, 5);
        Assert.Equal([3, 4, 5], x.Shape);
        Assert.Equal(DType.Float32, x.DType);
        Assert.All(x[0].ToArray<float>(), v => Assert.Equal(30 - 103.939, v, 4));
        Assert.All(x[1].ToArray<float>(), v => Assert.Equal(20 - 116.779, v, 4));
        Assert.All(x[2].ToArray<float>(), v => Assert.Equal(10 - 123.68, v, 4));
    }

    [Fact]
    public void DeprocessUndoesPreprocessAtTheSameSize()
    {
        var image = (Tensor.Rand(new Generator(2), 6, 5, 3) * 255.0).AsType(DType.Float32);
        var back = VGG16.Deprocess(VGG16.Preprocess(image, 6, 5));
        Assert.Equal(image.Shape, back.Shape);
        var a = image.ToArray<float>();
        var b = back.ToArray<float>();
        for (int i = 0; i < a.Length; i++) Assert.Equal(a[i], b[i], 3);
        Assert.Contains("(height, width, 3)", Assert.Throws<ArgumentException>(() => VGG16.Preprocess(Tensor.Zeros(3, 6, 5))).Message);
        Assert.Contains("(3, height, width)", Assert.Throws<ArgumentException>(() => VGG16.Deprocess(Tensor.Zeros(6, 5, 3))).Message);
    }

    [Fact]
    public void ItsLayersArePublicAndItCanBeExtended()
    {
        var model = new FeaturesOnly();
        var features = model.Features(Tensor.Rand(new Generator(3), 1, 3, 8, 8));
        Assert.Equal([1, 64, 8, 8], features.Shape);
        Assert.Equal(27 * 64, model.conv1_1.W.Data.Size);
    }

    [Fact]
    public void ForwardHooksOnItsLayersSeeTheirOutputs()
    {
        // Grad-CAM's way to conv5_3's output, as DeZero's model.conv5_3.outputs[0]().
        var model = new VGG16(classes: 10);
        Variable? seen = null;
        using (model.conv5_3.RegisterForwardHook((layer, _, y) => seen = y))
            Run(model, Tensor.Rand(new Generator(5), 1, 3, 32, 32));
        Assert.Equal([1, 512, 2, 2], seen!.Shape);
        // Before its ReLU: a random network's conv5_3 has negative outputs too.
        Assert.Contains(seen.Data.ToArray<float>(), v => v < 0);
        var first = seen;
        Run(model, Tensor.Rand(new Generator(6), 1, 3, 32, 32));
        Assert.Same(first, seen); // the disposed hook no longer runs
    }

    [Fact]
    public void WeightsSavedUnderDeZerosNamesLoadIntoAFreshModel()
    {
        using var dir = new TempDirectory();
        var x = Tensor.Rand(new Generator(4), 2, 3, 32, 32);
        var model = new VGG16(classes: 10);
        var expected = Run(model, x);
        string path = dir.File("vgg16.npz");
        model.SaveWeights(path, naming: WeightNaming.DeZero);
        var keys = Npz.Load(path).Keys.ToList();
        Assert.Equal(32, keys.Count);
        Assert.Contains("conv1_1/W", keys);
        Assert.Contains("conv5_3/b", keys);
        Assert.Contains("fc8/W", keys);

        var loaded = new VGG16(classes: 10);
        Assert.True(loaded.LoadWeights(path).IsExact);
        Assert.Equal(expected.ToArray<float>(), Run(loaded, x).ToArray<float>());
    }

    private static Tensor Run(VGG16 model, Tensor x)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        return model.Forward(x).Data;
    }

    private sealed class FeaturesOnly : VGG16
    {
        public Tensor Features(Tensor x)
        {
            using var noGrad = Config.NoGrad();
            return F.ReLU(conv1_2.Forward(F.ReLU(conv1_1.Forward(x)))).Data;
        }
    }
}
