using Nabla.Autodiff;
using Nabla.IO;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests.IO;

/// <summary>
/// <c>model.SaveWeights</c> / <c>model.LoadWeights</c>: a saved model comes back bit for bit (lazy layers, batch
/// normalisation statistics and nested lists of layers included), and a bad checkpoint is refused without
/// touching the model.
/// </summary>
public class ModelWeightsTests
{
    /// <summary>
    /// Every input size inferred on the first call (convolution, batch norms, linear layers), and linear layers
    /// held in a list of arrays, so that their names are "stages.i.j.W".
    /// </summary>
    private sealed class Net : Model
    {
        private readonly Conv2d conv;
        private readonly BatchNorm bn = new();
        private readonly BatchNorm bn2 = new();
        private readonly Linear head;

        public Net(long seed)
        {
            var gen = new Generator(seed);
            conv = new Conv2d(4, 3, pad: 1, gen: gen);
            stages = [[new Linear(6, gen: gen), new Linear(5, gen: gen)], [new Linear(4, gen: gen)]];
            head = new Linear(3, gen: gen);
        }

        public List<Linear[]> stages { get; }

        public BatchNorm Bn => bn;

        public override Variable Forward(Variable x)
        {
            x = F.ReLU(bn.Forward(conv.Forward(x)));
            x = F.Reshape(x, x.Shape[0], -1);
            foreach (var stage in stages)
                foreach (var layer in stage) x = F.Tanh(layer.Forward(x));
            return head.Forward(bn2.Forward(x));
        }
    }

    private static readonly string[] NetNames =
    [
        "conv.W", "conv.b", "bn.gamma", "bn.beta", "bn.avg_mean", "bn.avg_var", "bn2.gamma", "bn2.beta", "bn2.avg_mean", "bn2.avg_var",
        "head.W", "head.b", "stages.0.0.W", "stages.0.0.b", "stages.0.1.W", "stages.0.1.b", "stages.1.0.W", "stages.1.0.b",
    ];

    public static TheoryData<string> Formats => ["model.safetensors", "model.npz"];

    private static Tensor Input(int seed = 7) => Tensor.Randn(new Generator(seed), 5, 2, 3, 3);

    /// <summary>A Net after a few SGD steps, so that weights and running statistics are far from their initial values.</summary>
    private static Net Trained(long seed = 1)
    {
        var net = new Net(seed);
        var optimizer = new SGD(0.1).Setup(net);
        var gen = new Generator(seed + 100);
        for (int i = 0; i < 3; i++)
        {
            var x = Tensor.Randn(gen, 5, 2, 3, 3) * 2.0 + 1.0;
            var loss = F.SoftmaxCrossEntropy(net.Forward(x), Tensor.FromArray(new long[] { 0, 1, 2, 1, 0 }));
            net.ClearGrads();
            loss.Backward();
            optimizer.Update();
        }
        return net;
    }

    private static Tensor TestModeOutput(Layer model, Tensor x)
    {
        using var noGrad = Config.NoGrad();
        using var testMode = Config.TestMode();
        return model.Forward(x).Data;
    }

    private static Dictionary<string, Tensor> Snapshot(Layer model) =>
        model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Data.Copy());

    private static void AssertSameParameters(Dictionary<string, Tensor> expected, Layer model)
    {
        var actual = model.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter.Data);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, tensor) in expected) TensorAssert.BitEqual(tensor, actual[name]);
    }

    [Fact]
    public void NestedListsOfLayersAreNamedByPosition()
    {
        var net = new Net(1);
        net.Forward(Input());
        Assert.Equal(NetNames.Order(), net.NamedParameters().Select(p => p.Name).Order());
        Assert.Equal(NetNames.Length, net.Parameters().Count());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void SaveThenLoadIntoALazyModelReproducesTheOutputsBitForBit(string file)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        var trained = Trained();
        var x = Input();
        var expected = TestModeOutput(trained, x);
        // The running statistics have moved away from their initial 0 and 1.
        Assert.NotEqual(0.0, trained.Bn.avg_mean.Data.Abs().Sum().Item());
        trained.SaveWeights(path);

        // A fresh model with other initial weights, whose input sizes are not yet known.
        var fresh = new Net(2);
        Assert.All(fresh.Parameters().Where(p => p.Name is "W" or "gamma"), p => Assert.Equal(0, p.Size));
        fresh.LoadWeights(path);
        AssertSameParameters(Snapshot(trained), fresh);
        TensorAssert.BitEqual(expected, TestModeOutput(fresh, x));
        // Training mode (batch statistics) agrees too, and so does the next step's update of the statistics.
        TensorAssert.BitEqual(trained.Forward(x).Data, fresh.Forward(x).Data);
        TensorAssert.BitEqual(trained.Bn.avg_var.Data, fresh.Bn.avg_var.Data);
        Assert.Equal(["model" + Path.GetExtension(file)], dir.FileNames());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void LoadingOverAnInitialisedModelReplacesEveryWeight(string file)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        var trained = Trained(1);
        trained.SaveWeights(path);
        var other = Trained(3);
        var x = Input(9);
        Assert.False(Tensor.ArrayEqual(TestModeOutput(trained, x), TestModeOutput(other, x)));
        other.LoadWeights(path);
        AssertSameParameters(Snapshot(trained), other);
        TensorAssert.BitEqual(TestModeOutput(trained, x), TestModeOutput(other, x));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Float64ModelsRoundTrip(string file)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        var mlp = new MLP([7, 2], F.Tanh, DType.Float64, new Generator(5));
        var x = Tensor.Randn(new Generator(6), DType.Float64, 4, 3);
        var expected = mlp.Forward(x).Data;
        mlp.SaveWeights(path);
        var fresh = new MLP([7, 2], F.Tanh, DType.Float64, new Generator(8));
        fresh.LoadWeights(path);
        TensorAssert.BitEqual(expected, fresh.Forward(x).Data);
        Assert.Equal(DType.Float64, fresh.Linears[0].W.DType);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void Float64BatchNormLoadsIntoAFreshModel(string file)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        var gen = new Generator(10);
        var model = new Sequential(new Linear(4, dtype: DType.Float64, gen: gen), new BatchNorm(), new Linear(2, dtype: DType.Float64, gen: gen));
        var x = Tensor.Randn(new Generator(11), DType.Float64, 6, 3);
        model.Forward(x);
        model.SaveWeights(path);
        // The batch norm's vectors take their dtype from the first input; before it they are float32 placeholders.
        var fresh = new Sequential(new Linear(4, dtype: DType.Float64), new BatchNorm(), new Linear(2, dtype: DType.Float64));
        fresh.LoadWeights(path);
        Assert.All(fresh.Parameters(), p => Assert.Equal(DType.Float64, p.DType));
        TensorAssert.BitEqual(TestModeOutput(model, x), TestModeOutput(fresh, x));
        // A declared dtype is kept: the float64 file does not load into float32 linear layers.
        var float32 = new Sequential(new Linear(4), new BatchNorm(), new Linear(2));
        var e = Refused(float32, path, "0.W");
        Assert.Contains("dtype float64, the model expects float32", e.Message);
    }

    [Fact]
    public void SafeTensorsMetadataIsWrittenAndTheFileIsReadableDirectly()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.safetensors");
        var trained = Trained();
        trained.SaveWeights(path, new Dictionary<string, string> { ["epoch"] = "3" });
        var tensors = SafeTensors.Load(path, out var metadata);
        Assert.Equal("3", metadata["epoch"]);
        Assert.Equal(NetNames.Order(), tensors.Keys.Order());
        Assert.Equal(NetNames.Order(), Npz.Load(SaveNpz(trained, dir)).Keys.Order());
    }

    private static string SaveNpz(Layer model, TempDirectory dir)
    {
        string path = dir.File("m.npz");
        model.SaveWeights(path);
        return path;
    }

    // ---- refused checkpoints ----

    public enum Damage { MissingKey, UnexpectedKey, WrongShape, WrongDType }

    public static TheoryData<string, Damage> DamagedFiles
    {
        get
        {
            var data = new TheoryData<string, Damage>();
            foreach (var file in new[] { "bad.safetensors", "bad.npz" })
                foreach (var damage in Enum.GetValues<Damage>()) data.Add(file, damage);
            return data;
        }
    }

    /// <summary>The trained Net's tensors with one thing wrong, and the key the error must name.</summary>
    private static (Dictionary<string, Tensor> Tensors, string Key) Damaged(Damage damage)
    {
        var tensors = Snapshot(Trained(4));
        switch (damage)
        {
            case Damage.MissingKey:
                tensors.Remove("stages.0.1.b");
                return (tensors, "stages.0.1.b");
            case Damage.UnexpectedKey:
                tensors["stages.2.0.W"] = Tensor.Zeros(4, 3);
                return (tensors, "stages.2.0.W");
            case Damage.WrongShape:
                tensors["head.W"] = tensors["head.W"].T.Copy();
                return (tensors, "head.W");
            default:
                tensors["bn.avg_var"] = tensors["bn.avg_var"].AsType(DType.Float64);
                return (tensors, "bn.avg_var");
        }
    }

    private static void Write(string path, Dictionary<string, Tensor> tensors)
    {
        if (path.EndsWith(".npz", StringComparison.Ordinal)) Npz.Save(path, tensors);
        else SafeTensors.Save(path, tensors);
    }

    /// <summary>LoadWeights must throw InvalidDataException naming the file (and the key), leaving every parameter as it was.</summary>
    private static InvalidDataException Refused(Layer model, string path, string? key)
    {
        var before = Snapshot(model);
        var objects = model.Parameters().Select(p => p.Data).ToArray();
        var e = Assert.Throws<InvalidDataException>(() => model.LoadWeights(path));
        Assert.Contains(path, e.Message);
        if (key is not null) Assert.Contains($"'{key}'", e.Message);
        AssertSameParameters(before, model);
        Assert.Equal(objects, model.Parameters().Select(p => p.Data), ReferenceEqualityComparer.Instance);
        return e;
    }

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void MismatchedCheckpointsAreRefusedAndTheModelIsUnchanged(string file, Damage damage)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        var (tensors, key) = Damaged(damage);
        Write(path, tensors);
        var e = Refused(Trained(1), path, key);
        Assert.Contains(damage switch
        {
            Damage.MissingKey => "has no tensor",
            Damage.UnexpectedKey => "does not have",
            Damage.WrongShape => "shape (3,4), the model expects (4,3)",
            _ => "dtype float64, the model expects float32",
        }, e.Message);
    }

    [Theory]
    [MemberData(nameof(DamagedFiles))]
    public void MismatchedCheckpointsLeaveALazyModelUninitialised(string file, Damage damage)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        var (tensors, key) = Damaged(damage);
        if (damage is Damage.WrongShape or Damage.WrongDType) tensors = Snapshot(Trained(4));
        // A lazy parameter takes the file's shape, but not one that contradicts what the layer already knows;
        // a declared dtype must match (BatchNorm's vectors have none before the first call, see Float64BatchNormLoadsIntoAFreshModel).
        if (damage == Damage.WrongShape) (tensors["conv.W"], key) = (Tensor.Zeros(4, 2, 5, 5), "conv.W");
        if (damage == Damage.WrongDType) (tensors["stages.1.0.W"], key) = (tensors["stages.1.0.W"].AsType(DType.Float64), "stages.1.0.W");
        Write(path, tensors);
        var fresh = new Net(2);
        Refused(fresh, path, key);
        Assert.All(fresh.Parameters().Where(p => p.Name is "W" or "gamma" or "avg_mean"), p => Assert.Equal(0, p.Size));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public void LazyParametersMustAgreeWithTheirLayersKnownSizes(string file)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        var tensors = Snapshot(Trained(4));
        // Linear(6) knows its output size, Conv2d(4, 3) its output channels and kernel: only the input size is free.
        foreach (var (key, wrong) in new[] { ("stages.0.0.W", Tensor.Zeros(36, 7)), ("conv.W", Tensor.Zeros(4, 2, 3, 3, 1)), ("conv.W", Tensor.Zeros(4, 2)) })
        {
            var damaged = new Dictionary<string, Tensor>(tensors) { [key] = wrong };
            Write(path, damaged);
            var e = Refused(new Net(2), path, key);
            Assert.Contains("shape", e.Message);
        }
    }

    public static TheoryData<string, int> Truncations => new()
    {
        { "t.safetensors", 0 }, { "t.safetensors", 5 }, { "t.safetensors", 100 }, { "t.safetensors", -1 }, { "t.safetensors", -300 },
        { "t.npz", 0 }, { "t.npz", 5 }, { "t.npz", 100 }, { "t.npz", -1 }, { "t.npz", -300 },
    };

    /// <summary>A checkpoint cut to <paramref name="length"/> bytes (negative: that many bytes short).</summary>
    [Theory]
    [MemberData(nameof(Truncations))]
    public void TruncatedFilesAreRefused(string file, int length)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        Trained(4).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(length >= 0 ? length : bytes.Length + length)]);
        Refused(Trained(1), path, null);
        Refused(new Net(2), path, null);
    }

    [Fact]
    public void TruncatedTensorDataNamesTheTensor()
    {
        using var dir = new TempDirectory();
        string path = dir.File("t.safetensors");
        Trained(4).SaveWeights(path);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^4]);
        // All float32, so the file holds the tensors in name order and the last one is cut short.
        Refused(Trained(1), path, "stages.1.0.b");
    }

    [Theory]
    [InlineData("g.safetensors", 0)]
    [InlineData("g.safetensors", 1)]
    [InlineData("g.npz", 0)]
    [InlineData("g.npz", 1)]
    public void GarbageFilesAreRefused(string file, int seed)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        var garbage = new byte[4096];
        new Random(seed).NextBytes(garbage);
        File.WriteAllBytes(path, garbage);
        Refused(Trained(1), path, null);
    }

    [Fact]
    public void GarbageInsideAnNpzEntryIsRefusedNamingTheEntry()
    {
        using var dir = new TempDirectory();
        string path = dir.File("g.npz");
        using (var zip = System.IO.Compression.ZipFile.Open(path, System.IO.Compression.ZipArchiveMode.Create))
        using (var entry = zip.CreateEntry("head.W.npy").Open())
            entry.Write(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 4, 0, (byte)'{', (byte)'}', (byte)' ', (byte)'\n' });
        Refused(Trained(1), path, "head.W.npy");
    }

    // ---- saving ----

    [Theory]
    [MemberData(nameof(Formats))]
    public void SavingAnUninitialisedLazyModelIsRefusedAndLeavesTheOldFile(string file)
    {
        using var dir = new TempDirectory();
        string path = dir.File(file);
        Trained().SaveWeights(path);
        var old = File.ReadAllBytes(path);
        var e = Assert.Throws<InvalidOperationException>(() => new Net(2).SaveWeights(path));
        Assert.Contains("'conv.W' is not initialised", e.Message);
        Assert.Contains("forward pass", e.Message);
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Equal([file], dir.FileNames());
    }

    /// <summary>A layer that names two children alike, which a checkpoint cannot tell apart.</summary>
    private sealed class Twins : Layer
    {
        private readonly Linear a = new(2, 2), b = new(2, 2);

        public override IEnumerable<(string Name, Layer Layer)> NamedChildren() => [("l", a), ("l", b)];

        public override Variable Forward(Variable x) => b.Forward(a.Forward(x));
    }

    [Fact]
    public void ParametersSharingANameAreRefused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("twins.safetensors");
        var e = Assert.Throws<InvalidOperationException>(() => new Twins().SaveWeights(path));
        Assert.Contains("both named 'l.W'", e.Message);
        Assert.Empty(dir.FileNames());
        SafeTensors.Save(path, new Dictionary<string, Tensor> { ["l.W"] = Tensor.Zeros(2, 2), ["l.b"] = Tensor.Zeros(2) });
        Assert.Throws<InvalidOperationException>(() => new Twins().LoadWeights(path));
    }

    [Fact]
    public void AFailedSaveLeavesTheExistingFileUntouched()
    {
        using var dir = new TempDirectory();
        string path = dir.File("m.safetensors");
        Trained().SaveWeights(path);
        var old = File.ReadAllBytes(path);
        Assert.Throws<ArgumentException>(() => Trained(3).SaveWeights(path, new Dictionary<string, string> { ["note"] = null! }));
        Assert.Equal(old, File.ReadAllBytes(path));
        Assert.Equal(["m.safetensors"], dir.FileNames());
    }
}
