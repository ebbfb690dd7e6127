using Nabla.Autodiff;
using Nabla.Onnx;
using Nabla.Tensors;
using static Nabla.Tests.Onnx.OnnxRuntimeHelper;

namespace Nabla.Tests.Onnx;

public class OnnxImportTests
{
    private const int In = 6, Hidden = 5, Out = 3;

    private static double[] Values(int seed, int count) =>
        Tensor.Randn(new Generator(seed), DType.Float64, count).ToDoubleArray();

    private static OnnxTensor Floats(string name, double[] values, params long[] dims) =>
        new() { Name = name, DataType = OnnxDataType.Float, Dims = dims, Floats = values };

    private static OnnxAttribute Int(string name, long value) => new() { Name = name, Type = OnnxAttributeType.Int, I = value };

    private static OnnxNode Node(string op, string[] inputs, string output, params OnnxAttribute[] attributes) =>
        new() { Name = $"/{op}_{output}", OpType = op, Inputs = [.. inputs], Outputs = [output], Attributes = [.. attributes] };

    /// <summary>
    /// What torch.onnx.export writes for Flatten → Linear → ReLU → Linear: (out, in) weights named "fc1.weight",
    /// Gemm with transB=1, a Reshape whose shape [0, -1] comes from a Constant node.
    /// </summary>
    private static (OnnxModel Model, double[] W1, double[] B1, double[] W2, double[] B2) TorchStyleMlp()
    {
        var (w1, b1, w2, b2) = (Values(1, Hidden * In), Values(2, Hidden), Values(3, Out * Hidden), Values(4, Out));
        var shape = new OnnxAttribute { Name = "value", Type = OnnxAttributeType.Tensor, T = new OnnxTensor { Name = "", DataType = OnnxDataType.Int64, Dims = [2], Ints = [0, -1] } };
        var graph = new OnnxGraph
        {
            Name = "main_graph",
            Nodes =
            [
                Node("Constant", [], "/Constant_output_0", shape),
                Node("Reshape", ["input.1", "/Constant_output_0"], "/Reshape_output_0"),
                Node("Gemm", ["/Reshape_output_0", "fc1.weight", "fc1.bias"], "/fc1/Gemm_output_0", Int("transB", 1),
                    new OnnxAttribute { Name = "alpha", Type = OnnxAttributeType.Float, F = 1 }),
                Node("Relu", ["/fc1/Gemm_output_0"], "/relu/Relu_output_0"),
                Node("Gemm", ["/relu/Relu_output_0", "fc2.weight", "fc2.bias"], "17", Int("transB", 1)),
            ],
            Initializers = [Floats("fc1.weight", w1, Hidden, In), Floats("fc1.bias", b1, Hidden), Floats("fc2.weight", w2, Out, Hidden), Floats("fc2.bias", b2, Out)],
            Inputs = [new OnnxValueInfo { Name = "input.1", ElemType = OnnxDataType.Float, Shape = [(0, "batch"), (2, null), (3, null)] }],
            Outputs = [new OnnxValueInfo { Name = "17", ElemType = OnnxDataType.Float, Shape = [(0, "batch"), (Out, null)] }],
        };
        return (new OnnxModel { IrVersion = 8, ProducerName = "pytorch", Opsets = [("", 17)], Graph = graph }, w1, b1, w2, b2);
    }

    private static float[] Expected(float[] x, int n, double[] w1, double[] b1, double[] w2, double[] b2)
    {
        var y = new float[n * Out];
        for (int s = 0; s < n; s++)
        {
            var h = new double[Hidden];
            for (int j = 0; j < Hidden; j++)
            {
                double sum = b1[(int)j];
                for (int k = 0; k < In; k++) sum += (float)w1[j * In + k] * (double)x[s * In + k];
                h[j] = Math.Max(0, (float)sum);
            }
            for (int j = 0; j < Out; j++)
            {
                double sum = b2[j];
                for (int k = 0; k < Hidden; k++) sum += (float)w2[j * Hidden + k] * h[k];
                y[s * Out + j] = (float)sum;
            }
        }
        return y;
    }

    [Fact]
    public void Torch_style_gemm_trans_b_model_computes_the_expected_outputs_and_trains()
    {
        var (model, w1, b1, w2, b2) = TorchStyleMlp();
        var bytes = OnnxWriter.Write(model);
        var module = global::Nabla.Onnx.Onnx.FromBytes(bytes, "torch-style");
        var x = Tensor.Randn(new Generator(5), 4, 2, 3);
        var xs = x.ToArray<float>();
        var expected = Expected(xs, 4, w1, b1, w2, b2);
        var y = module.Forward(new Variable(x));
        AssertClose(expected, y.Data.ToArray<float>());
        AssertClose(expected, Run(bytes, x, out _));
        Assert.Equal(["fc1.bias", "fc1.weight", "fc2.bias", "fc2.weight"], module.NamedParameters().Select(p => p.Name).Order(StringComparer.Ordinal));

        F.Sum(y).Backward();
        var grads = module.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Grad);
        Assert.Equal([4f, 4f, 4f], grads["fc2.bias"]!.Data.ToArray<float>());
        Assert.Equal([Hidden, In], grads["fc1.weight"]!.Shape);
        Assert.Contains(grads["fc1.weight"]!.Data.ToArray<float>(), g => g != 0);
    }

    [Fact]
    public void Unsupported_operators_are_all_named_in_one_error()
    {
        var (model, _, _, _, _) = TorchStyleMlp();
        model.Graph!.Nodes.Insert(1, Node("Gather", ["input.1", "/Constant_output_0"], "g"));
        model.Graph.Nodes.Insert(1, Node("LSTM", ["input.1"], "l"));
        model.Graph.Nodes.Add(new OnnxNode { Name = "custom", OpType = "Foo", Domain = "com.example", Inputs = ["17"], Outputs = ["f"] });
        var e = Assert.Throws<NotSupportedException>(() => global::Nabla.Onnx.Onnx.FromBytes(OnnxWriter.Write(model), "bad.onnx"));
        Assert.Contains("LSTM", e.Message);
        Assert.Contains("Gather", e.Message);
        Assert.Contains("com.example.Foo", e.Message);
    }

    [Fact]
    public void Truncated_file_is_one_clear_error()
    {
        var bytes = OnnxWriter.Write(TorchStyleMlp().Model);
        var e = Assert.Throws<InvalidDataException>(() => global::Nabla.Onnx.Onnx.FromBytes(bytes[..(bytes.Length / 2)], "cut.onnx"));
        Assert.Contains("cut.onnx", e.Message);
    }

    [Fact]
    public void Missing_initializer_is_named()
    {
        var (model, _, _, _, _) = TorchStyleMlp();
        model.Graph!.Initializers.RemoveAll(t => t.Name == "fc2.bias");
        var e = Assert.Throws<InvalidDataException>(() => global::Nabla.Onnx.Onnx.FromBytes(OnnxWriter.Write(model), "m.onnx"));
        Assert.Contains("'fc2.bias'", e.Message);
    }

    [Fact]
    public void Unknown_data_type_and_wrong_sizes_are_named()
    {
        var (model, _, _, _, _) = TorchStyleMlp();
        var e = Assert.Throws<InvalidDataException>(() => global::Nabla.Onnx.Onnx.FromBytes(WithDataType(model, 1, 10), "t.onnx"));
        Assert.Contains("data type 10", e.Message);
        Assert.Contains("fc1.bias", e.Message);

        var (sized, _, _, _, _) = TorchStyleMlp();
        sized.Graph!.Initializers[0].Dims = [Hidden, In + 1];
        e = Assert.Throws<InvalidDataException>(() => global::Nabla.Onnx.Onnx.FromBytes(OnnxWriter.Write(sized), "s.onnx"));
        Assert.Contains("fc1.weight", e.Message);
    }

    /// <summary>The model's bytes with initializer <paramref name="index"/> claiming data type <paramref name="code"/> (float16 = 10).</summary>
    private static byte[] WithDataType(OnnxModel model, int index, int code)
    {
        var bytes = OnnxWriter.Write(model);
        bytes[IndexOfTypeField(bytes, model.Graph!.Initializers[index].Name) + 1] = (byte)code;
        return bytes;
    }

    private static int IndexOfTypeField(byte[] bytes, string tensorName)
    {
        var name = System.Text.Encoding.UTF8.GetBytes(tensorName);
        int nameAt = bytes.AsSpan().LastIndexOf(name);
        // In Nabla's writer data_type (tag 0x10) comes right before the name field (tag 0x42, length, name).
        for (int i = nameAt - 2; i > 0; i--)
            if (bytes[i] == 0x10 && bytes[i + 1] == OnnxDataType.Float && bytes[i + 2] == 0x42) return i;
        throw new InvalidOperationException("data_type field not found");
    }

    [Fact]
    public void Conv_with_groups_is_an_error_naming_the_node()
    {
        var graph = new OnnxGraph
        {
            Nodes = [Node("Conv", ["x", "w"], "y", Int("group", 2))],
            Initializers = [Floats("w", Values(6, 2 * 1 * 3 * 3), 2, 1, 3, 3)],
            Inputs = [new OnnxValueInfo { Name = "x", ElemType = OnnxDataType.Float }],
            Outputs = [new OnnxValueInfo { Name = "y", ElemType = OnnxDataType.Float }],
        };
        var module = global::Nabla.Onnx.Onnx.FromBytes(OnnxWriter.Write(new OnnxModel { Opsets = [("", 17)], Graph = graph }));
        var e = Assert.Throws<InvalidDataException>(() => module.Forward(Tensor.Randn(new Generator(7), 1, 2, 5, 5)));
        Assert.Contains("group=2", e.Message);
    }
}
