// Grad-CAM (Selvaraju et al., arXiv:1610.02391) on VGG16: which parts of an image made the network choose its class.
// A port of DeZero's examples/grad_cam.py.
// Run: dotnet run --project examples/GradCam -c Release -- [--image FILE] [--weights vgg16.npz] [--quick] [--out DIR] [--device D]
using System.Globalization;
using Nabla.Autodiff;
using Nabla.Data;
using Nabla.NN;
using Nabla.NN.Models;
using Nabla.Tensors;
using Nabla.Vision;

namespace Nabla.Examples.GradCam;

/// <summary>
/// Classifies an image with VGG16, backpropagates the winning class's score to the last convolution (conv5_3),
/// weights that layer's 512 feature maps by their mean gradients, and draws the positive part of the weighted sum
/// over the image as a heat map (<c>grad-cam.png</c>). With DeZero's converted weights it shows where the zebra is;
/// without them the weights are seeded random numbers, and the map shows what an untrained network reacts to.
/// </summary>
public static class Program
{
    private static readonly string[] Extra = ["--image", "--weights"];

    public static int Main(string[] args) => Run(args, Console.Out);

    /// <summary>Runs the example with <paramref name="args"/>, writing its report to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var values = new Dictionary<string, string>();
        var rest = VisionArgs.Extract(args, Extra, values, output, "GradCam");
        if (rest is null) return ExampleOptions.UsageError;
        var options = ExampleOptions.Parse(rest, "GradCam", "Grad-CAM heat map of VGG16's decision on an image", output, out int exit);
        if (options is null)
        {
            if (exit == 0) output.WriteLine("  --image FILE   the picture to explain (default: a drawn zebra-like one)\n  --weights FILE converted VGG16 weights (default: random)");
            return exit;
        }
        // DeZero's input is 224 x 224; the quick run's is small enough for seconds (conv5_3 is then 4 x 4).
        int size = options.Quick ? 64 : 224;

        var image = VisionArgs.ImageOrPicture("--image", values.GetValueOrDefault("--image"), () => VisionArgs.Stripes(240, 320), options.OutPath("grad-cam-input.png"), output);
        Init.Seed(0);
        var model = new VGG16();
        VisionArgs.LoadOrSay(model, values.GetValueOrDefault("--weights"), "real predictions", output);
        model.To(options.Device);
        var x = VGG16.Preprocess(image, size, size).Reshape(1, 3, size, size).To(options.Device);

        // DeZero reads model.conv5_3.outputs[0](); here a forward hook keeps conv5_3's output (before its ReLU).
        Variable? lastConv = null;
        Variable y;
        using (model.conv5_3.RegisterForwardHook((_, _, output) => lastConv = output))
        using (Config.TestMode())
            y = model.Call(new Variable(x));
        int predicted = (int)y.Data.ArgMax().To(Device.Cpu).Item<long>();
        PrintTop(y.Data.To(Device.Cpu), output);

        y[0, predicted].Backward(retainGrad: true);
        var heatmap = Heatmap(lastConv!.Data.To(Device.Cpu), lastConv.Grad!.Data.To(Device.Cpu), output);
        string path = options.OutPath("grad-cam.png");
        ImageFile.Save(Overlay(image, heatmap), path);
        output.WriteLine($"predicted class {predicted} ({ImageNet.Label(predicted)}); conv5_3 heat map {heatmap.Dim(0)}x{heatmap.Dim(1)} over the image: {path}");
        return 0;
    }

    private static void PrintTop(Tensor logits, TextWriter output)
    {
        var p = logits.Reshape(-1).AsType(DType.Float64).ToArray<double>();
        double max = p.Max(), total = p.Sum(v => Math.Exp(v - max));
        foreach (int k in Enumerable.Range(0, p.Length).OrderByDescending(k => p[k]).Take(5))
            output.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,6:P2}  {1,3}  {2}", Math.Exp(p[k] - max) / total, k, ImageNet.Label(k)));
    }

    /// <summary>
    /// Grad-CAM's map: each feature map of the last convolution weighted by its mean gradient, summed over maps (a
    /// mean, as DeZero), the negative part dropped and scaled to a peak of 1.
    /// </summary>
    private static Tensor Heatmap(Tensor features, Tensor grads, TextWriter output)
    {
        int channels = features.Dim(1);
        var weights = grads.Sum([0, 2, 3]) / (grads.Size / channels);
        var map = (features[0] * weights.Reshape(channels, 1, 1)).Sum(0) / channels;
        map = map.Clip(0, double.MaxValue);
        double peak = map.Max().Item<float>();
        if (peak > 0) return map / peak;
        output.WriteLine("heat map: no positive evidence for the class (all zero)");
        return map;
    }

    /// <summary>The map resized to the image, coloured with the jet colour map and added at 40 %, as DeZero does with OpenCV.</summary>
    private static Tensor Overlay(Tensor image, Tensor heatmap)
    {
        var resized = heatmap.Reshape(1, heatmap.Dim(0), heatmap.Dim(1)).ResizeBilinear(image.Dim(0), image.Dim(1)).Reshape(-1).ToArray<float>();
        var colours = new float[resized.Length * 3];
        for (int i = 0; i < resized.Length; i++)
        {
            var (r, g, b) = Jet(Math.Clamp(resized[i], 0, 1));
            (colours[i * 3], colours[i * 3 + 1], colours[i * 3 + 2]) = (r, g, b);
        }
        var colour = Tensor.FromSpan<float>(colours, image.Dim(0), image.Dim(1), 3);
        return (colour * 0.4 + image).Clip(0, 255);
    }

    /// <summary>The jet colour map (dark blue, blue, cyan, yellow, red, dark red) at <paramref name="v"/> in [0, 1], in 0-255.</summary>
    private static (float R, float G, float B) Jet(float v)
    {
        static float Ramp(double t) => (float)(255 * Math.Clamp(1.5 - Math.Abs(t), 0, 1));
        return (Ramp(4 * v - 3), Ramp(4 * v - 2), Ramp(4 * v - 1));
    }
}
