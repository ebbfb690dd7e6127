using Nabla.Autodiff;
using Nabla.IO;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Tests.IO;

/// <summary>StateDict, LoadStateDict, the three namings and the format sniffing.</summary>
public class StateDictTests
{
    private static Tensor Run(Layer model, Tensor x)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        return model.Forward(x).Data;
    }

    /// <summary>A model with each kind of layer the namings map, initialised by one training-mode pass (BatchNorm's averages move).</summary>
    private static (Model Model, Tensor X) Cnn(int seed)
    {
        var gen = new Generator(seed);
        var model = new Sequential(new Conv2d(2, 3, pad: 1, gen: gen), new BatchNorm(), Activation.ReLU(), Activation.Flatten(), new Linear(3, gen: gen));
        var x = Tensor.Randn(new Generator(seed + 100), DType.Float32, 4, 1, 4, 4);
        model.Forward(x);
        return (model, x);
    }

    private static (MLP Model, Tensor X) Mlp(int seed)
    {
        var model = new MLP([4, 3, 2], F.ReLU, gen: new Generator(seed));
        var x = Tensor.Randn(new Generator(seed + 100), DType.Float32, 5, 3);
        model.Forward(x);
        return (model, x);
    }

    [Fact]
    public void StateDictListsParametersAndBuffersInOrder()
    {
        var (model, _) = Cnn(1);
        Assert.Equal(["0.W", "0.b", "1.gamma", "1.beta", "1.avg_mean", "1.avg_var", "4.W", "4.b"], model.StateDict().Keys);
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked", "4.weight", "4.bias"],
            WeightNamings.ToNaming(model, WeightNaming.PyTorch).Keys);
        Assert.Equal(["0/W", "0/b", "1/gamma", "1/beta", "1/avg_mean", "1/avg_var", "4/W", "4/b"], WeightNamings.ToNaming(model, WeightNaming.DeZero).Keys);
    }

    [Fact]
    public void MlpNamesMatchPyTorchsSequentialAndDeZerosMlp()
    {
        var (model, _) = Mlp(2);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"], WeightNamings.ToNaming(model, WeightNaming.PyTorch).Keys);
        Assert.Equal(["l0/W", "l0/b", "l1/W", "l1/b", "l2/W", "l2/b"], WeightNamings.ToNaming(model, WeightNaming.DeZero).Keys);
        Assert.Equal([4, 3], WeightNamings.ToNaming(model, WeightNaming.PyTorch)["0.weight"].Shape);
    }

    public static TheoryData<string, WeightNaming> FilesAndNamings()
    {
        var data = new TheoryData<string, WeightNaming>();
        foreach (var file in new[] { "w.safetensors", "w.npz", "w.weights" })
            foreach (var naming in Enum.GetValues<WeightNaming>()) data.Add(file, naming);
        return data;
    }

    [Theory]
    [MemberData(nameof(FilesAndNamings))]
    public void EachNamingRoundTripsAndIsDetected(string file, WeightNaming naming)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        foreach (var (model, x, fresh) in new (Layer, Tensor, Layer)[]
        {
            (Cnn(3).Model, Cnn(3).X, Cnn(4).Model),
            (Mlp(5).Model, Mlp(5).X, new MLP([4, 3, 2], F.ReLU)),
        })
        {
            model.SaveWeights(path, naming: naming);
            Assert.Equal(naming, WeightNamings.Detect(fresh, WeightFile.Load(path, out _).Keys));
            Assert.True(fresh.LoadWeights(path).IsExact);
            StateDictFixtureTests.Close(Run(model, x), Run(fresh, x));
        }
    }

    [Theory]
    [InlineData(WeightNaming.PyTorch)]
    [InlineData(WeightNaming.DeZero)]
    public void LstmRoundTripsThroughEachNaming(WeightNaming naming)
    {
        var gen = new Generator(6);
        var lstm = new LSTM(4, inSize: 3, gen: gen);
        var xs = Tensor.Randn(new Generator(7), DType.Float32, 3, 2, 3);
        var expected = StateDictFixtureTests.RunLstm(lstm, xs);
        var foreign = WeightNamings.ToNaming(lstm, naming);
        Assert.Equal(naming == WeightNaming.PyTorch ? 4 : 12, foreign.Count);
        var fresh = new LSTM(4);
        fresh.LoadStateDict(WeightNamings.FromNaming(fresh, foreign, naming));
        StateDictFixtureTests.Close(expected, StateDictFixtureTests.RunLstm(fresh, xs));
    }

    [Fact]
    public void StrictListsEveryMissingAndUnexpectedKeyAndAssignsNothing()
    {
        var (model, _) = Mlp(8);
        var dict = new Dictionary<string, Tensor>(model.StateDict());
        dict.Remove("l0.b");
        dict.Remove("l2.W");
        dict["extra"] = Tensor.Zeros(2);
        var (target, _) = Mlp(9);
        var before = target.Parameters().Select(p => p.Data).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => target.LoadStateDict(dict));
        Assert.Contains("'l0.b', 'l2.W'", e.Message);
        Assert.Contains("'extra'", e.Message);
        Assert.Equal(before, target.Parameters().Select(p => p.Data), ReferenceEqualityComparer.Instance);

        var result = target.LoadStateDict(dict, strict: false);
        Assert.Equal(["l0.b", "l2.W"], result.MissingKeys);
        Assert.Equal(["extra"], result.UnexpectedKeys);
        Assert.Same(before[1], target.Linears[0].b!.Data);
        TensorAssert.BitEqual(dict["l0.W"], target.Linears[0].W.Data);
    }

    [Fact]
    public void AShapeMismatchNamesBothShapesEvenWhenNotStrictAndAssignsNothing()
    {
        var (model, _) = Mlp(10);
        var dict = new Dictionary<string, Tensor>(model.StateDict()) { ["l1.W"] = Tensor.Zeros(3, 4) };
        var (target, _) = Mlp(11);
        var before = target.Parameters().Select(p => p.Data).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => target.LoadStateDict(dict, strict: false));
        Assert.Contains("'l1.W' has shape (3,4), the model expects (4,3)", e.Message);
        Assert.Equal(before, target.Parameters().Select(p => p.Data), ReferenceEqualityComparer.Instance);
    }

    [Fact]
    public void AForeignKeyIsNamedInTheMessage()
    {
        using var dir = new TempDirectory();
        string path = dir.File("torch.safetensors");
        var (model, _) = Mlp(12);
        var dict = new Dictionary<string, Tensor>(WeightNamings.ToNaming(model, WeightNaming.PyTorch));
        dict.Remove("2.bias");
        SafeTensors.Save(path, dict);
        var e = Assert.Throws<InvalidDataException>(() => new MLP([4, 3, 2], F.ReLU).LoadWeights(path));
        Assert.Contains("'l1.b' ('2.bias' in PyTorch naming)", e.Message);
        Assert.Contains(path, e.Message);
    }

    [Fact]
    public void DTypesAreCastOnlyWhenAsked()
    {
        var (model, x) = Mlp(13);
        var float64 = model.StateDict().ToDictionary(kv => kv.Key, kv => kv.Value.AsType(DType.Float64));
        var target = new MLP([4, 3, 2], F.ReLU);
        var e = Assert.Throws<InvalidDataException>(() => target.LoadStateDict(float64));
        Assert.Contains("dtype float64, the model expects float32", e.Message);
        target.LoadStateDict(float64, castTo: DType.Float32);
        Assert.All(target.Parameters(), p => Assert.Equal(DType.Float32, p.DType));
        TensorAssert.BitEqual(Run(model, x), Run(target, x));
    }

    [Theory]
    [InlineData(".npz", WeightFileFormat.Npz)]
    [InlineData(".safetensors", WeightFileFormat.SafeTensors)]
    public void TheFormatComesFromTheBytesNotTheName(string written, WeightFileFormat format)
    {
        using var dir = new TempDirectory();
        var (model, x) = Mlp(14);
        model.SaveWeights(dir.File("w" + written));
        // Renamed to the other extension, it still loads.
        string renamed = dir.File(written == ".npz" ? "w.safetensors" : "w.npz");
        File.Move(dir.File("w" + written), renamed);
        Assert.Equal(format, WeightFile.Sniff(renamed));
        var fresh = new MLP([4, 3, 2], F.ReLU);
        fresh.LoadWeights(renamed);
        TensorAssert.BitEqual(Run(model, x), Run(fresh, x));
    }

    [Fact]
    public void NpyAndPicklesAreRecognisedAndRefusedClearly()
    {
        using var dir = new TempDirectory();
        Npy.Save(dir.File("a.npy"), Tensor.Zeros(2));
        Assert.Equal(WeightFileFormat.Npy, WeightFile.Sniff(dir.File("a.npy")));
        var e = Assert.Throws<InvalidDataException>(() => new MLP([2]).LoadWeights(dir.File("a.npy")));
        Assert.Contains("one array", e.Message);
        // A legacy torch.save (protocol 2 pickle) under an innocent name.
        File.WriteAllBytes(dir.File("old.safetensors"), [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8]);
        e = Assert.Throws<InvalidDataException>(() => new MLP([2]).LoadWeights(dir.File("old.safetensors")));
        Assert.Contains("PyTorch pickle", e.Message);
        Assert.Contains("safetensors", e.Message);
    }

    [Theory]
    [InlineData("x.pt")]
    [InlineData("x.pth")]
    [InlineData("x.bin")]
    [InlineData("x.npy")]
    public void SavingToAPyTorchOrNpyNameIsRefused(string name)
    {
        using var dir = new TempDirectory();
        var (model, _) = Mlp(15);
        var e = Assert.Throws<ArgumentException>(() => model.SaveWeights(dir.File(name)));
        Assert.Contains(name, e.Message);
        Assert.False(File.Exists(dir.File(name)));
    }
}
