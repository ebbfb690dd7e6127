using Nabla.Autodiff;
using Nabla.IO;
using Nabla.NN;
using Nabla.Tensors;
using Nabla.Tests.IO;
using static Nabla.Tests.Onnx.OnnxRuntimeHelper;

namespace Nabla.Tests.Onnx;

/// <summary>
/// One model through every format in turn: PyTorch's checkpoint, Nabla's, DeZero's naming, ONNX Runtime and an
/// imported ONNX model must all give PyTorch's own output.
/// </summary>
public class InteropChainTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", name);

    private static float[] Forward(Layer model, Tensor x)
    {
        using (Config.TestMode())
        using (Config.NoGrad())
            return model.Forward(x).Data.AsType(DType.Float32).ToArray<float>();
    }

    [Fact]
    public void A_pytorch_cnn_keeps_pytorchs_output_through_nabla_dezero_pytorch_and_onnx()
    {
        var references = Npz.Load(Fixture("references.npz"));
        var x = references["cnn_x"].AsType(DType.Float32);
        var expected = references["torch_cnn_y"].AsType(DType.Float32).ToArray<float>();
        using var dir = new TempDirectory();

        var fromTorch = StateDictFixtureTests.Cnn();
        fromTorch.LoadWeights(Fixture("torch_cnn.safetensors"), WeightNaming.PyTorch);
        AssertClose(expected, Forward(fromTorch, x));

        // Each hop writes one naming and loads it into a fresh model, told nothing: the naming is detected.
        Layer current = fromTorch;
        foreach (var (naming, file) in new[] { (WeightNaming.Nabla, "a.safetensors"), (WeightNaming.DeZero, "b.npz"), (WeightNaming.PyTorch, "c.npz") })
        {
            string path = Path.Combine(dir.Path, file);
            current.SaveWeights(path, naming: naming);
            var next = StateDictFixtureTests.Cnn();
            Assert.True(next.LoadWeights(path).IsExact, $"{naming} through {file}");
            AssertClose(expected, Forward(next, x));
            current = next;
        }

        var onnx = global::Nabla.Onnx.Onnx.ToBytes(current, x);
        AssertClose(expected, Run(onnx, x, out _));
        AssertClose(expected, Forward(global::Nabla.Onnx.Onnx.FromBytes(onnx), x));
    }
}
