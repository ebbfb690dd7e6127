using Nabla.Cli;
using Nabla.Cli.Training;
using Nabla.IO;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;

namespace Nabla.Tests.Cli;

/// <summary><c>nabla train</c> and <c>nabla eval</c> driven in-process on small slices of the shipped data.</summary>
[Collection("SimdLevel")] // it sets the global thread limit, which the GEMM tests also change
public sealed class TrainCommandTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), $"nabla-cli-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} is only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
    }

    [Fact]
    public void OneEpochOnASliceWritesTheRunFolder()
    {
        var output = new StringWriter();
        int code = CommandLine.Invoke(["train", "mnist", "--epochs", "1", "--limit", "400", "--plain", "--out", dir, "--threads", "1"], output, CancellationToken.None);
        Assert.Equal(0, code);
        var text = output.ToString();
        Assert.Contains("epoch 1: train loss", text);
        Assert.Contains("test accuracy", text);
        var metrics = File.ReadAllLines(Path.Combine(dir, "metrics.csv"));
        Assert.Equal(2, metrics.Length);
        Assert.StartsWith("epoch,train_loss", metrics[0]);
        AssertPng(Path.Combine(dir, "loss.png"));
        AssertPng(Path.Combine(dir, "accuracy.png"));
        var weights = SafeTensors.Load(Path.Combine(dir, "model.safetensors"), out var metadata);
        Assert.Equal("mnist", metadata["dataset"]);
        Assert.Equal("mlp", metadata["model"]);
        Assert.Equal([784, 1000], weights["l0.W"].Shape);

        var evalOutput = new StringWriter();
        Assert.Equal(0, CommandLine.Invoke(["eval", "--weights", Path.Combine(dir, "model.safetensors"), "--limit", "400", "--plain"], evalOutput));
        Assert.Contains("test accuracy", evalOutput.ToString());
        Assert.Contains("class 9: accuracy", evalOutput.ToString());
    }

    [Fact]
    public void SpiralAndSinCurveWriteTheirOwnCharts()
    {
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Invoke(["train", "spiral", "--epochs", "2", "--plain", "--out", Path.Combine(dir, "spiral")], output, CancellationToken.None));
        AssertPng(Path.Combine(dir, "spiral", "decision-boundary.png"));
        Assert.Equal(0, CommandLine.Invoke(["train", "sincurve", "--epochs", "1", "--limit", "90", "--plain", "--out", Path.Combine(dir, "sin")], output, CancellationToken.None));
        AssertPng(Path.Combine(dir, "sin", "prediction.png"));
        Assert.False(File.Exists(Path.Combine(dir, "sin", "accuracy.png")));
        Assert.Contains("test loss", output.ToString());
    }

    [Theory]
    [InlineData(new[] { "imagenet" }, "unknown data set 'imagenet' (known: mnist, spiral, sincurve)")]
    [InlineData(new string[0], "which data set? (known: mnist, spiral, sincurve)")]
    [InlineData(new[] { "mnist", "--model", "rnn" }, "unknown model 'rnn' for mnist (known: mlp, cnn)")]
    [InlineData(new[] { "mnist", "--batch-size", "0" }, "--batch-size must be positive, got 0")]
    [InlineData(new[] { "mnist", "--batch-size", "-5" }, "--batch-size must be positive, got -5")]
    [InlineData(new[] { "mnist", "--epochs", "two" }, "--epochs must be an integer, got 'two'")]
    [InlineData(new[] { "mnist", "--lr", "0" }, "--lr must be positive, got 0")]
    [InlineData(new[] { "mnist", "--frobnicate" }, "unknown option '--frobnicate'")]
    [InlineData(new[] { "mnist", "--epochs" }, "option --epochs needs a value")]
    [InlineData(new[] { "mnist", "--device", "tpu" }, "unknown device 'tpu' (expected cpu, cuda, cuda:N or ilgpu-cpu)")]
    [InlineData(new[] { "mnist", "--device", "cuda:99" }, "device cuda:99 is not available on this machine (found: cpu")]
    public void BadOptionsAreOneClearLine(string[] args, string message)
    {
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["train", .. args], TextWriter.Null));
        Assert.Contains(message, e.Message);
        Assert.Equal(CommandLine.UsageError, e.ExitCode);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    [Trait("Device", "ilgpu-cpu")]
    public void TrainingOnIlgpuCpuEndsAsOnTheCpuAndEvalReadsItBack()
    {
        string Run(string device)
        {
            var output = new StringWriter();
            var outDir = Path.Combine(dir, "spiral-" + device);
            Assert.Equal(0, CommandLine.Invoke(["train", "spiral", "--epochs", "3", "--plain", "--device", device, "--out", outDir], output, CancellationToken.None));
            Assert.Contains($"on {device}", output.ToString());
            var eval = new StringWriter();
            Assert.Equal(0, CommandLine.Invoke(["eval", "--weights", Path.Combine(outDir, "model.safetensors"), "--device", device, "--plain"], eval));
            return eval.ToString().Split('\n').First(l => l.Contains("test accuracy"));
        }
        Assert.Equal(Run("cpu"), Run("ilgpu-cpu").Replace("spiral-ilgpu-cpu", "spiral-cpu"));
    }

    [Fact]
    public void TheDeviceOptionDefaultsToTheCpu()
    {
        Assert.Equal(Nabla.Tensors.Device.Cpu, TrainCommand.Options(new TrainSettings { Dataset = "mnist" }).Device);
        Assert.Equal(Nabla.Tensors.Device.Cpu, TrainCommand.Options(new TrainSettings { Dataset = "mnist", Device = "cpu" }).Device);
    }

    [Fact]
    public void AMissingDataDirectoryIsReported()
    {
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["train", "mnist", "--data", Path.Combine(dir, "nowhere"), "--plain", "--out", dir], TextWriter.Null, CancellationToken.None));
        Assert.Contains("cannot load MNIST", e.Message);
        Assert.Contains("nowhere", e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public void AMalformedDataDirectoryIsReported()
    {
        var data = Path.Combine(dir, "bad-data");
        Directory.CreateDirectory(data);
        foreach (var name in new[] { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" })
            File.WriteAllBytes(Path.Combine(data, name), [1, 2, 3, 4, 5, 6, 7, 8, 9]);
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["train", "mnist", "--data", data, "--plain", "--out", dir], TextWriter.Null, CancellationToken.None));
        Assert.Contains("cannot load MNIST", e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public void AnUnwritableOutputFolderIsReportedBeforeTraining()
    {
        Directory.CreateDirectory(dir);
        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "");
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["train", "spiral", "--plain", "--out", Path.Combine(file, "run")], TextWriter.Null, CancellationToken.None));
        Assert.Contains("cannot write to the output folder", e.Message);
        Assert.Equal(1, e.ExitCode);
    }

    [Fact]
    public void CancelledBeforeTheFirstEpochEndsSavesNothing()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var output = new StringWriter();
        Assert.Equal(TrainCommand.Interrupted, CommandLine.Invoke(["train", "spiral", "--plain", "--out", dir], output, cts.Token));
        Assert.Contains("nothing was saved", output.ToString());
        Assert.False(File.Exists(Path.Combine(dir, "model.safetensors")));
    }

    [Fact]
    public void ADivergingRunStopsWithAClearMessageAndExitCodeOne()
    {
        var output = new StringWriter();
        string run = Path.Combine(dir, "diverged");
        Assert.Equal(1, CommandLine.Invoke(["train", "spiral", "--lr", "1e30", "--epochs", "20", "--plain", "--out", run], output, CancellationToken.None));
        Assert.Contains("stopped: the training loss of epoch 1", output.ToString());
        Assert.Contains("training diverged; try a smaller --lr than 1E+30", output.ToString());
        Assert.DoesNotContain("epoch 2", output.ToString());
        Assert.False(Directory.Exists(run), "a run that saved nothing leaves no folder");
    }

    [Fact]
    public void AFailedOrEmptyRunLeavesNoRunFolder()
    {
        string run = Path.Combine(dir, "never");
        Assert.Throws<CliError>(() => CommandLine.Invoke(["train", "mnist", "--data", Path.Combine(dir, "nowhere"), "--plain", "--out", run], TextWriter.Null, CancellationToken.None));
        Assert.False(Directory.Exists(run));
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.Equal(TrainCommand.Interrupted, CommandLine.Invoke(["train", "spiral", "--plain", "--out", run], TextWriter.Null, cts.Token));
        Assert.False(Directory.Exists(run));
    }

    [Theory]
    [InlineData("sincurve", "--batch-size", "8", "does not apply")]
    [InlineData("mnist", "--weight-decay", "-1", "zero or positive")]
    [InlineData("mnist", "--epochs", "2", "more than once")]
    public void OptionsThatWouldBeIgnoredOrWrongAreRejected(string dataset, string option, string value, string message)
    {
        string[] args = option == "--epochs" ? [dataset, option, value, option, "3"] : [dataset, option, value];
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["train", .. args], TextWriter.Null));
        Assert.Contains(message, e.Message);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void EvalWarnsOnNonFiniteWeights()
    {
        string run = Path.Combine(dir, "nan");
        Assert.Equal(0, CommandLine.Invoke(["train", "spiral", "--epochs", "1", "--plain", "--out", run], TextWriter.Null, CancellationToken.None));
        string path = Path.Combine(run, "model.safetensors");
        var clean = new StringWriter();
        Assert.Equal(0, CommandLine.Invoke(["eval", "--weights", path, "--plain"], clean));
        Assert.DoesNotContain("warning", clean.ToString());
        var tensors = SafeTensors.Load(path, out var metadata);
        var name = tensors.Keys.Order().First();
        tensors[name] = Tensor.FullLike(tensors[name], double.NaN);
        SafeTensors.Save(path, tensors, metadata);
        var output = new StringWriter();
        CommandLine.Invoke(["eval", "--weights", path, "--plain"], output);
        Assert.Contains($"warning: {tensors[name].Size:N0} of the", output.ToString());
        Assert.Contains("NaN or infinite", output.ToString());
    }

    /// <summary>Cancels (as Ctrl-C does) after the first batch of a chosen epoch.</summary>
    private sealed class CancelAt(int epoch, CancellationTokenSource cts) : IReporter, IEpochProgress
    {
        private int current;

        public void Run(Action<IEpochProgress> training) => training(this);
        public void EpochDone(EpochResult result) { }
        public void Info(string line) { }
        public void StartEpoch(int epoch, int epochs, int steps) => current = epoch;
        public void Step(int done, double loss, double accuracy, double samplesPerSecond)
        {
            if (current == epoch) cts.Cancel();
        }
        public void EndEpoch(bool completed) { }
    }

    [Fact]
    public void CtrlCKeepsTheLastCompletedEpoch()
    {
        Directory.CreateDirectory(dir);
        using var cts = new CancellationTokenSource();
        var gen = new Generator(1);
        var (x, t) = Nabla.Data.Spiral.Generate(train: true);
        var model = new Sequential(new Linear(10, gen: gen), Activation.Sigmoid(), new Linear(3, gen: gen));
        var task = new ClassificationTask(model, x, t, x, t, 30, gen);
        var trainer = new Trainer(task, new SGD(1.0), new CancelAt(2, cts), dir);
        Assert.False(trainer.Run(5, cts.Token));
        Assert.Single(trainer.Results);
        Assert.Equal(2, File.ReadAllLines(trainer.MetricsPath).Length);
        // The checkpoint is epoch 1's: loading it into a fresh model works, and differs from the weights one batch later.
        var saved = SafeTensors.Load(trainer.CheckpointPath);
        Assert.Equal(model.NamedParameters().Select(p => p.Name).Order(), saved.Keys.Order());
        Assert.False(Tensor.ArrayEqual(saved["0.W"], model.NamedParameters().First().Parameter.Data));
        Assert.True(File.Exists(trainer.LossChartPath));
        Assert.Empty(Directory.GetFiles(dir, "*.tmp*"));
    }
}
