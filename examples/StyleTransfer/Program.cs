// Neural style transfer (Gatys et al.) with VGG16's features: an image with one picture's content in another's style.
// A port of DeZero's examples/style_transfer.py.
// Run: dotnet run --project examples/StyleTransfer -c Release -- [--content FILE] [--style FILE] [--weights vgg16.npz]
//      [--iterations N] [--quick] [--out DIR] [--device D]
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.NN;
using Nabla.NN.Models;
using Nabla.NN.Optimizers;
using Nabla.Tensors;
using Nabla.Vision;

namespace Nabla.Examples.StyleTransfer;

/// <summary>
/// Starts from the content image and optimises its pixels with AdaGrad (lr 5) so that VGG16's conv5_2 features stay
/// those of the content image while the Gram matrices (feature correlations) of conv1_1 ... conv5_1 approach the
/// style image's, plus a small total-variation term for smoothness; writes <c>style-transfer.png</c>. The weights are
/// DeZero's: content 1e-4, style 1, variation 1e-6. With random VGG16 weights (no <c>--weights</c>) the mechanics are
/// the same but the "style" is that of random filters.
/// </summary>
public static class Program
{
    private const double Lr = 5.0, StyleWeight = 1.0, ContentWeight = 1e-4, VariationWeight = 1e-6;
    private static readonly string[] ContentLayers = ["conv5_2"];
    private static readonly string[] StyleLayers = ["conv1_1", "conv2_1", "conv3_1", "conv4_1", "conv5_1"];
    private static readonly string[] Extra = ["--content", "--style", "--weights", "--iterations"];

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var values = new Dictionary<string, string>();
        var rest = VisionArgs.Extract(args, Extra, values, output, "StyleTransfer");
        if (rest is null) return ExampleOptions.UsageError;
        var options = ExampleOptions.Parse(rest, "StyleTransfer", "neural style transfer with VGG16's features", output, out int exit);
        if (options is null)
        {
            if (exit == 0) output.WriteLine("  --content FILE  the picture whose content is kept (default: a drawn one)\n  --style FILE    the picture whose style is taken (default: drawn rings)\n" +
                "  --weights FILE  converted VGG16 weights (default: random)\n  --iterations N  AdaGrad steps (default 200; DeZero runs 2001; quick: 3)");
            return exit;
        }
        int iterations = options.Quick ? 3 : 200;
        if (values.TryGetValue("--iterations", out var text) && !(int.TryParse(text, CultureInfo.InvariantCulture, out iterations) && iterations > 0))
        {
            output.WriteLine($"StyleTransfer: --iterations needs a positive whole number, got '{text}'");
            return ExampleOptions.UsageError;
        }
        int size = options.Quick ? 64 : 224;

        var contentImage = VisionArgs.ImageOrPicture("--content", values.GetValueOrDefault("--content"), () => VisionArgs.Stripes(240, 320), options.OutPath("style-transfer-content.png"), output);
        var styleImage = VisionArgs.ImageOrPicture("--style", values.GetValueOrDefault("--style"), () => VisionArgs.Rings(256, 256), options.OutPath("style-transfer-style.png"), output);
        Init.Seed(0);
        var model = new FeatureVgg16();
        VisionArgs.LoadOrSay(model, values.GetValueOrDefault("--weights"), "features that carry style", output);
        model.To(options.Device);
        var content = Input(contentImage, size, options.Device);
        var style = Input(styleImage, size, options.Device);

        Dictionary<string, Variable> contentFeatures, styleFeatures;
        using (Config.NoGrad())
        {
            contentFeatures = model.Extract(content);
            styleFeatures = model.Extract(style);
        }
        var generated = new ImageModel(content.Data);
        var optimizer = new AdaGrad(Lr).Setup(generated);
        output.WriteLine($"VGG16 features at {size}x{size}; AdaGrad({Lr}); content {string.Join(",", ContentLayers)}, style {string.Join(",", StyleLayers)}; {iterations} iterations");

        string path = options.OutPath("style-transfer.png");
        int every = Math.Max(iterations / 10, 1);
        for (int i = 0; i < iterations; i++)
        {
            model.ClearGrads();
            generated.ClearGrads();
            var loss = Loss(model.Extract(generated.Image), contentFeatures, styleFeatures, generated.Image);
            loss.Backward();
            optimizer.Update();
            if (i % every == 0 || i == iterations - 1)
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "iteration {0,4}  loss {1:G6}", i, loss.Data.To(Device.Cpu).Item<float>()));
        }
        var result = VGG16.Deprocess(generated.Image.Data.To(Device.Cpu)[0]);
        ImageFile.Save(result.Transpose(2, 0, 1).ResizeBilinear(contentImage.Dim(0), contentImage.Dim(1)).Transpose(1, 2, 0).Clip(0, 255), path);
        output.WriteLine($"wrote the stylised image: {path}");
        return 0;
    }

    private static Variable Input(Tensor image, int size, Device device) =>
        new(VGG16.Preprocess(image, size, size).Reshape(1, 3, size, size).To(device)) { RequiresGrad = false };

    /// <summary>
    /// DeZero's loss over the layers it names (its code loops over every extracted layer, an oversight that weights
    /// all eleven in both terms; the named lists are what the weights were chosen for).
    /// </summary>
    private static Variable Loss(Dictionary<string, Variable> generated, Dictionary<string, Variable> content, Dictionary<string, Variable> style, Variable image)
    {
        Variable loss = VariationWeight * TotalVariation(image);
        foreach (var layer in ContentLayers)
            loss += ContentWeight / ContentLayers.Length * (F.MeanSquaredError(content[layer], generated[layer], Reduction.BatchMean) / 2);
        foreach (var layer in StyleLayers)
            loss += StyleWeight / StyleLayers.Length * StyleLoss(style[layer], generated[layer]);
        return loss;
    }

    /// <summary>The squared difference of the Gram matrices, scaled by 4 (C·H·W)² as DeZero.</summary>
    private static Variable StyleLoss(Variable style, Variable generated)
    {
        int c = style.Shape[1], h = style.Shape[2], w = style.Shape[3];
        double scale = 4.0 * Math.Pow((double)c * h * w, 2);
        return F.MeanSquaredError(Gram(style), Gram(generated), Reduction.BatchMean) / scale;
    }

    /// <summary>Correlations between a layer's feature maps: F·Fᵀ for F = the maps as rows, (1, C, C).</summary>
    private static Variable Gram(Variable x)
    {
        int c = x.Shape[1];
        var features = F.Reshape(x, c, -1);
        return F.Reshape(F.MatMul(features, F.Transpose(features)), 1, c, c);
    }

    /// <summary>The sum of squared differences between neighbouring pixels, down and right.</summary>
    private static Variable TotalVariation(Variable x)
    {
        var corner = x[.., .., ..^1, ..^1];
        var down = corner - x[.., .., 1.., ..^1];
        var right = corner - x[.., .., ..^1, 1..];
        return F.Sum(down * down + right * right);
    }
}
