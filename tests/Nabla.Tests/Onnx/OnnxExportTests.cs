using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Onnx;
using Nabla.Tensors;
using static Nabla.Tests.Onnx.OnnxRuntimeHelper;

namespace Nabla.Tests.Onnx;

public class OnnxExportTests
{
    private static Tensor Random(int seed, params int[] shape) => Tensor.Randn(new Generator(seed), shape);

    private static float[] Nabla(Layer model, Tensor x)
    {
        using (Config.TestMode())
        using (Config.NoGrad())
            return model.Forward(x).Data.AsType(DType.Float32).ToArray<float>();
    }

    /// <summary>Export on one batch size; ONNX Runtime and the re-imported model agree with Nabla on it and another.</summary>
    private static void CheckBothWays(Layer model, Tensor sample, Tensor other)
    {
        var bytes = global::Nabla.Onnx.Onnx.ToBytes(model, sample);
        var imported = global::Nabla.Onnx.Onnx.FromBytes(bytes);
        foreach (var x in new[] { sample, other })
        {
            var expected = Nabla(model, x);
            AssertClose(expected, Run(bytes, x, out var shape));
            Assert.Equal(x.Shape[0], shape[0]);
            AssertClose(expected, Nabla(imported, x));
        }
    }

    [Fact]
    public void Mlp_matches_onnx_runtime_with_a_dynamic_batch()
    {
        var model = new MLP([32, 16, 10], F.ReLU, gen: new Generator(1));
        CheckBothWays(model, Random(2, 4, 20), Random(3, 7, 20));
    }

    [Fact]
    public void Mnist_cnn_matches_onnx_runtime()
    {
        var model = global::Nabla.Cli.Training.TrainingTasks.Cnn();
        CheckBothWays(model, Random(4, 2, 1, 28, 28), Random(5, 5, 1, 28, 28));
    }

    [Fact]
    public void Batch_norm_model_matches_onnx_runtime_in_test_mode()
    {
        var model = new Sequential(new Linear(8, gen: new Generator(6)), new BatchNorm(), Activation.ReLU(), new Linear(3, gen: new Generator(7)));
        // A few training passes make the running statistics differ from 0 and 1.
        for (int i = 0; i < 3; i++) model.Forward(Random(10 + i, 16, 5) * 2.0 + 1.0);
        CheckBothWays(model, Random(8, 6, 5), Random(9, 3, 5));
    }

    [Fact]
    public void Lstm_cell_step_matches_onnx_runtime()
    {
        CheckBothWays(new LstmCellStep(5, 4, new Generator(11)), Random(12, 3, 5), Random(13, 8, 5));
    }

    [Fact]
    public void Elementwise_reductions_and_shapes_match_onnx_runtime()
    {
        var model = new Activation(x =>
        {
            var y = F.Exp(x * 0.5) - F.Log(F.Abs(x) + 1.0) / F.Sqrt(x * x + 2.0);
            var z = F.Concat([F.Pow(y, 3), F.Tanh(-y), F.Sigmoid(y), F.LeakyReLU(y, 0.1)], axis: 1);
            var t = F.Transpose(F.Reshape(z, z.Shape[0], 4, 6), 0, 2, 1);
            var s = F.Sum(t, 1) + F.Mean(t, 1) + F.Max(t, 1);
            return F.LogSoftmax(s, 1) + F.Softmax(s, 1);
        }, "mix");
        CheckBothWays(model, Random(14, 3, 6), Random(15, 9, 6));
    }

    [Fact]
    public void Export_of_an_unmapped_function_names_it()
    {
        var lstm = new LSTM(4, gen: new Generator(16));
        var e = Assert.Throws<NotSupportedException>(() => global::Nabla.Onnx.Onnx.ToBytes(lstm, Random(17, 2, 3)));
        Assert.Contains("GetItem", e.Message);
    }

    [Fact]
    public void Export_writes_the_file_atomically_and_load_reads_it()
    {
        var model = new MLP([6, 2], gen: new Generator(18));
        var x = Random(19, 3, 4);
        string path = Path.Combine(Path.GetTempPath(), $"nabla-onnx-{Guid.NewGuid():N}.onnx");
        try
        {
            global::Nabla.Onnx.Onnx.Export(model, x, path);
            var imported = global::Nabla.Onnx.Onnx.Load(path);
            AssertClose(Nabla(model, x), Nabla(imported, x));
            Assert.Equal(["l0.W", "l0.b", "l1.W", "l1.b"], imported.NamedParameters().Select(p => p.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
