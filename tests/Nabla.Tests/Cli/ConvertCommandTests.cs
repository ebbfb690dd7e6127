using Nabla.Cli;
using Nabla.IO;
using Nabla.Tests.IO;

namespace Nabla.Tests.Cli;

/// <summary><c>nabla convert</c> between the namings, and <c>nabla eval --model</c> of files without metadata.</summary>
[Collection("SimdLevel")] // training sets the global thread limit, which the GEMM tests also change
public sealed class ConvertCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"nabla-convert-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private string Train(string model)
    {
        var output = new StringWriter();
        var run = Path.Combine(dir, model);
        Assert.Equal(0, CommandLine.Invoke(["train", "mnist", "--model", model, "--epochs", "1", "--limit", "400", "--plain", "--out", run, "--threads", "1"], output, CancellationToken.None));
        return Path.Combine(run, "model.safetensors");
    }

    /// <summary>The accuracy lines of eval, without the file name.</summary>
    private static string Eval(params string[] args)
    {
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Invoke(["eval", .. args, "--limit", "400", "--plain"], output));
        var lines = output.ToString().Split('\n');
        return string.Join("\n", lines[0][lines[0].IndexOf(": test accuracy", StringComparison.Ordinal)..], string.Join("\n", lines[1..]));
    }

    [Fact]
    public void AnMlpConvertsToDeZeroAndPyTorchAndEvaluatesTheSame()
    {
        var weights = Train("mlp");
        var expected = Eval("--weights", weights);
        Assert.Contains("test accuracy", expected);
        var dezero = Path.Combine(dir, "dezero.npz");
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Invoke(["convert", weights, dezero, "--naming", "dezero"], output));
        Assert.Contains("Nabla naming", output.ToString());
        Assert.Equal(["l0/W", "l0/b", "l1/W", "l1/b", "l2/W", "l2/b"], Npz.Load(dezero).Keys);
        Assert.Equal(expected, Eval("--weights", dezero, "--model", "mlp"));

        var torch = Path.Combine(dir, "torch.safetensors");
        Assert.Equal(0, CommandLine.Invoke(["convert", dezero, torch, "--naming=pytorch"], output));
        Assert.Equal([1000, 784], SafeTensors.Load(torch)["0.weight"].Shape);
        Assert.Equal(expected, Eval("--weights", torch));
        var back = Path.Combine(dir, "back.safetensors");
        Assert.Equal(0, CommandLine.Invoke(["convert", torch, back], output));
        foreach (var (key, t) in SafeTensors.Load(weights)) TensorAssert.BitEqual(t, SafeTensors.Load(back)[key]);
    }

    [Fact]
    public void ACnnWithoutMetadataNeedsItsModelNamed()
    {
        var weights = Train("cnn");
        var expected = Eval("--weights", weights);
        var torch = Path.Combine(dir, "cnn-torch.npz");
        Assert.Equal(0, CommandLine.Invoke(["convert", weights, torch, "--naming", "pytorch"], new StringWriter()));
        Assert.Contains("7.weight", Npz.Load(torch).Keys);
        Assert.Equal(expected, Eval("--weights", torch, "--model", "cnn"));
        // As an MLP (the default for a file without metadata) it does not fit, and says which keys.
        var e = Assert.Throws<CliError>(() => Eval("--weights", torch));
        Assert.Contains("missing keys", e.Message);
    }

    [Fact]
    public void BadArgumentsAndPyTorchPicklesAreOneClearError()
    {
        Directory.CreateDirectory(dir);
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["convert", "a.npz"], new StringWriter()));
        Assert.Contains("needs IN and OUT", e.Message);
        var pt = Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", "torch_mlp.pt");
        e = Assert.Throws<CliError>(() => CommandLine.Invoke(["convert", pt, Path.Combine(dir, "x.npz")], new StringWriter()));
        Assert.Contains("numpy.savez", e.Message);
        e = Assert.Throws<CliError>(() => CommandLine.Invoke(["convert", pt, Path.Combine(dir, "x.npz"), "--naming", "keras"], new StringWriter()));
        Assert.Contains("unknown naming 'keras'", e.Message);
        e = Assert.Throws<CliError>(() => CommandLine.Invoke(["eval", "--weights", pt, "--plain"], new StringWriter()));
        Assert.Contains("PyTorch zip", e.Message);
        var good = Path.Combine(AppContext.BaseDirectory, "IO", "Fixtures", "torch_mlp.npz");
        e = Assert.Throws<CliError>(() => CommandLine.Invoke(["convert", good, Path.Combine(dir, "x.pt")], new StringWriter()));
        Assert.Contains("does not write", e.Message);
    }
}
