using Nabla.Cli;

namespace Nabla.Tests.Cli;

/// <summary>
/// The command line as a whole, in-process: help for every command, and every kind of mistake as one line on stderr
/// with exit code 2 (a bad command line, with a suggestion for a misspelt name) or 1 (a run that failed).
/// </summary>
[Collection("SimdLevel")] // a train run sets the global thread limit, which the GEMM tests also change
public sealed class CommandLineTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("nabla-cli-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        int code = CommandLine.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A usage error: exit code 2, nothing on stdout, exactly <paramref name="message"/> on stderr.</summary>
    private static void UsageError(string message, params string[] args)
    {
        var (code, output, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"nabla: {message}", err.TrimEnd());
    }

    public static TheoryData<string> Commands() => [.. CommandLine.Commands.Keys];

    [Theory]
    [MemberData(nameof(Commands))]
    public void EveryCommandHasHelpListingItsOptions(string command)
    {
        foreach (var help in new[] { "--help", "-h" })
        {
            var (code, output, err) = Run(command, help);
            Assert.Equal(0, code);
            Assert.Equal("", err);
            Assert.Contains($"nabla {command}", output);
            foreach (var (name, _) in UsageErrors.Options(command))
                Assert.Contains(name, output);
        }
        Assert.Equal(Run(command, "--help"), Run("help", command));
    }

    [Fact]
    public void TheMainHelpListsEveryCommand()
    {
        foreach (var args in new[] { Array.Empty<string>(), ["--help"], ["-h"], ["help"] })
        {
            var (code, output, err) = Run(args);
            Assert.Equal(0, code);
            Assert.Equal("", err);
            foreach (var command in CommandLine.Commands.Keys) Assert.Contains(command, output);
            Assert.Contains("--version", output);
        }
    }

    [Fact]
    public void HelpComesFirstEvenAfterOtherArguments()
    {
        var (code, output, _) = Run("train", "mnist", "--epochs", "3", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--batch-size", output);
    }

    [Fact]
    public void VersionPrintsTheVersion()
    {
        var (code, output, _) = Run("--version");
        Assert.Equal(0, code);
        Assert.Equal($"nabla {SystemInfo.NablaVersion()}", output.Trim());
    }

    [Theory]
    [InlineData("train: unknown option '--epoch' (did you mean --epochs?)", "train", "mnist", "--epoch", "3")]
    [InlineData("train: unknown option '--weigth-decay' (did you mean --weight-decay?)", "train", "mnist", "--weigth-decay", "0")]
    [InlineData("train: unknown option '--batchsize' (did you mean --batch-size?)", "train", "mnist", "--batchsize", "10")]
    [InlineData("eval: unknown option '--weight' (did you mean --weights?)", "eval", "--weight", "m.safetensors")]
    [InlineData("graph: unknown option '--ordr' (did you mean --order?)", "graph", "tanh(x)", "--ordr", "2")]
    [InlineData("diff: unknown option '--latx' (did you mean --latex?)", "diff", "x^2", "--latx")]
    [InlineData("convert: unknown option '--namig' (did you mean --naming?)", "convert", "a.npz", "b.npz", "--namig", "pytorch")]
    [InlineData("export: unknown option '--opst' (did you mean --opset?)", "export", "m.safetensors", "--opst", "17")]
    [InlineData("info: unknown option '--hlep' (did you mean --help?)", "info", "--hlep")]
    [InlineData("train: unknown option '--frobnicate' (see 'nabla train --help')", "train", "mnist", "--frobnicate")]
    [InlineData("unknown option '--verison' (did you mean --version?)", "--verison")]
    public void AMisspeltOptionIsExitCode2WithASuggestion(string message, params string[] args) => UsageError(message, args);

    [Theory]
    [InlineData("unknown command 'trian' (did you mean 'train'?)", "trian", "mnist")]
    [InlineData("unknown command 'evl' (did you mean 'eval'?)", "evl")]
    [InlineData("unknown command 'frobnicate' (see 'nabla --help')", "frobnicate")]
    [InlineData("info: unexpected argument 'extra' (see 'nabla info --help')", "info", "extra")]
    [InlineData("diff: unexpected argument 'y' (see 'nabla diff --help')", "diff", "x", "y")]
    public void AnUnknownCommandOrArgumentIsExitCode2(string message, params string[] args) => UsageError(message, args);

    [Theory]
    [InlineData("train: --epochs must be an integer, got 'two'", "train", "mnist", "--epochs", "two")]
    [InlineData("train: --epochs must be positive, got 0", "train", "mnist", "--epochs", "0")]
    [InlineData("train: --lr must be a number, got 'fast'", "train", "mnist", "--lr", "fast")]
    [InlineData("train: --lr must be a number, got 'NaN'", "train", "mnist", "--lr=NaN")]
    [InlineData("train: --seed must be an integer, got '1.5'", "train", "mnist", "--seed", "1.5")]
    [InlineData("train: option --plain takes no value", "train", "mnist", "--plain=yes")]
    [InlineData("train: option --out needs a value", "train", "mnist", "--out")]
    [InlineData("train: option --out needs a value", "train", "mnist", "--out", "--plain")]
    [InlineData("train: option --lr needs a value", "train", "mnist", "--lr=")]
    [InlineData("train: option --epochs is given more than once", "train", "mnist", "--epochs", "1", "--epochs=2")]
    [InlineData("graph: option --out is given more than once", "graph", "tanh(x)", "-o", "a.dot", "--out", "b.dot")]
    [InlineData("graph: option -o needs a value", "graph", "tanh(x)", "-o")]
    [InlineData("eval: --limit must be at least 0, got -1", "eval", "--weights", "m.safetensors", "--limit", "-1")]
    [InlineData("eval: unknown naming 'keras' (known: nabla, pytorch, dezero, torch)", "eval", "--weights", "m.safetensors", "--naming", "keras")]
    [InlineData("export: --opset must be an integer from 13 to 21, got 9", "export", "m.safetensors", "--onnx", "m.onnx", "--opset", "9")]
    [InlineData("diff: --order must be an integer from 1 to 12, got 13", "diff", "x", "--order", "13")]
    public void ABadValueIsExitCode2(string message, params string[] args) => UsageError(message, args);

    [Fact]
    public void AFailedRunIsExitCode1AndOneLine()
    {
        foreach (var args in new[]
                 {
                     new[] { "eval", "--weights", Path.Combine(dir, "missing.safetensors") },
                     ["train", "mnist", "--data", Path.Combine(dir, "nowhere"), "--plain", "--out", Path.Combine(dir, "run")],
                     ["convert", Path.Combine(dir, "missing.npz"), Path.Combine(dir, "out.npz")],
                     ["diff", "sin(x"],
                 })
        {
            var (code, _, err) = Run(args);
            Assert.Equal(1, code);
            Assert.Single(err.Trim().Split('\n'));
            Assert.StartsWith($"nabla: {args[0]}: ", err);
            Assert.DoesNotContain("   at ", err);
        }
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    [Fact]
    public void NegativeNumbersAreValuesNotOptions()
    {
        var path = Path.Combine(dir, "g.dot");
        var (code, output, err) = Run("graph", "tanh(x)", "--at", "x=-1", "--order", "1", "-o", path);
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("at x=-1", output);
        UsageError("graph: --order must be at least 0, got -1", "graph", "tanh(x)", "--order", "-1");
    }

    [Fact]
    public void AFormulaMayStartWithAMinus()
    {
        var (code, output, err) = Run("diff", "-x^2", "--wrt", "x");
        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("df/dx = -2*x", output);
        (code, output, err) = Run("graph", "-tanh(x)", "--order", "1", "-o", Path.Combine(dir, "minus.dot"));
        Assert.Equal(0, code);
        Assert.Contains("value -0.41997434", output);
    }

    [Fact]
    public void AGraphWithoutOutGoesUnderRuns()
    {
        Assert.Equal(Path.Combine("runs", "graph", "tanh-x-order4.dot"), GraphCommand.DefaultPath("tanh(x)", 4));
        Assert.Equal(Path.Combine("runs", "graph", "x-y-sin-y-order0.dot"), GraphCommand.DefaultPath("x*y + sin(y)", 0));
        Assert.Equal(Path.Combine("runs", "graph", "graph-order1.dot"), GraphCommand.DefaultPath("*", 1));
        Assert.False(Path.IsPathRooted(GraphCommand.DefaultPath("tanh(x)", 1)));
    }

    [Theory]
    [InlineData("epochs", "epochs", 0)]
    [InlineData("epoch", "epochs", 1)]
    [InlineData("trian", "train", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void TheEditDistanceCountsASwapAsOne(string a, string b, int expected)
    {
        Assert.Equal(expected, UsageErrors.Distance(a, b));
        Assert.Equal(expected, UsageErrors.Distance(b, a));
    }

    [Fact]
    public void SuggestionsAreOnlyForNearMisses()
    {
        string[] options = ["--epochs", "--lr", "--limit", "--weight-decay"];
        Assert.Equal("--epochs", UsageErrors.Suggest("--epoch", options));
        Assert.Equal("--weight-decay", UsageErrors.Suggest("--weight", options));
        Assert.Null(UsageErrors.Suggest("--learning-rate", options));
        Assert.Null(UsageErrors.Suggest("--xy", options));
    }
}
