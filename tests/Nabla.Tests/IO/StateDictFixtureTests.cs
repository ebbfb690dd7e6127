using Nabla.Autodiff;
using Nabla.IO;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Tests.IO;

/// <summary>Checkpoints written by PyTorch 1.13 and by DeZero's own code (Fixtures/make_fixtures.py) load in one call and reproduce their outputs.</summary>
public class StateDictFixtureTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", name);

    private static readonly Dictionary<string, Tensor> References = Npz.Load(Fixture("references.npz"));

    private static Tensor Run(Layer model, Tensor x)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        return model.Forward(x).Data;
    }

    internal static void Close(Tensor expected, Tensor actual, double rtol = 1e-5)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var e = expected.AsType(DType.Float64).ToArray<double>();
        var a = actual.AsType(DType.Float64).ToArray<double>();
        double scale = e.Max(Math.Abs);
        for (int i = 0; i < e.Length; i++)
            Assert.True(Math.Abs(e[i] - a[i]) <= rtol * Math.Max(scale, 1e-30), $"entry {i}: expected {e[i]}, got {a[i]}");
    }

    internal static Tensor RunLstm(LSTM lstm, Tensor xs)
    {
        using var noGrad = Config.NoGrad();
        lstm.ResetState();
        var steps = Enumerable.Range(0, xs.Dim(0)).Select(t => lstm.Forward(xs.Narrow(0, t, 1).Reshape(xs.Dim(1), xs.Dim(2))).Data).ToArray();
        return Tensor.Stack(steps, 0);
    }

    public static Model Cnn() => new Sequential(new Conv2d(2, 3, pad: 1), new BatchNorm(eps: 1e-5), Activation.ReLU(), Activation.Flatten(), new Linear(3));

    [Theory]
    [InlineData("torch_mlp.npz")]
    [InlineData("torch_mlp.safetensors")]
    public void APyTorchMlpLoadsIntoAnMlp(string file)
    {
        var model = new MLP([4, 2], F.ReLU);
        var result = model.LoadWeights(Fixture(file));
        Assert.True(result.IsExact);
        Close(References["torch_mlp_y"], Run(model, References["mlp_x"]));
    }

    [Theory]
    [InlineData("torch_cnn.npz")]
    [InlineData("torch_cnn.safetensors")]
    public void APyTorchConvBatchNormModelLoadsIntoASequential(string file)
    {
        var model = Cnn();
        model.LoadWeights(Fixture(file));
        Close(References["torch_cnn_y"], Run(model, References["cnn_x"]));
    }

    [Theory]
    [InlineData("torch_lstm.npz")]
    [InlineData("torch_lstm.safetensors")]
    public void APyTorchLstmLoadsIntoAnLstm(string file)
    {
        var lstm = new LSTM(4);
        lstm.LoadWeights(Fixture(file));
        Close(References["torch_lstm_y"], RunLstm(lstm, References["lstm_x"]));
    }

    [Fact]
    public void ADeZeroMlpLoadsIntoAnMlp()
    {
        var model = new MLP([4, 2], F.ReLU);
        Assert.Equal(WeightNaming.DeZero, WeightNamings.Detect(model, Npz.Load(Fixture("dezero_mlp.npz")).Keys));
        model.LoadWeights(Fixture("dezero_mlp.npz"));
        Close(References["dezero_mlp_y"], Run(model, References["dezero_mlp_x"]));
    }

    [Fact]
    public void ADeZeroLstmLoadsIntoAnLstm()
    {
        var lstm = new LSTM(4);
        lstm.LoadWeights(Fixture("dezero_lstm.npz"));
        Close(References["dezero_lstm_y"], RunLstm(lstm, References["dezero_lstm_x"]));
    }

    [Fact]
    public void APyTorchPickleIsRefusedWithHowToConvertIt()
    {
        var model = new MLP([4, 2], F.ReLU);
        var before = model.Linears[0].W.Data;
        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(Fixture("torch_mlp.pt")));
        Assert.Contains("PyTorch zip", e.Message);
        Assert.Contains("numpy.savez(", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        Assert.Same(before, model.Linears[0].W.Data);
    }

    [Fact]
    public void WhatPyTorchWroteIsWrittenBackTheSame()
    {
        var model = Cnn();
        model.LoadWeights(Fixture("torch_cnn.npz"));
        var original = Npz.Load(Fixture("torch_cnn.npz"));
        var exported = WeightNamings.ToNaming(model, WeightNaming.PyTorch);
        Assert.Equal(original.Keys, exported.Keys);
        foreach (var (key, t) in original)
            if (!key.EndsWith("num_batches_tracked", StringComparison.Ordinal)) TensorAssert.BitEqual(t, exported[key]);
    }
}
