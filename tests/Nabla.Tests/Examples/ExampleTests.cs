using System.Buffers.Binary;
using System.Globalization;
using System.Text.RegularExpressions;
using Nabla.Numerical;
using Tanh = global::Nabla.Examples.TanhDerivatives;
using Newton = global::Nabla.Examples.Newton;
using Spiral = global::Nabla.Examples.Spiral;
using MnistMlp = global::Nabla.Examples.MnistMlp;
using MnistCnn = global::Nabla.Examples.MnistCnn;
using SinCurveLstm = global::Nabla.Examples.SinCurveLstm;
using NumericalVsAutomatic = global::Nabla.Examples.NumericalVsAutomatic;
using Vae = global::Nabla.Examples.Vae;
using Gan = global::Nabla.Examples.Gan;
using CustomFunction = global::Nabla.Examples.CustomFunction;
using GradCam = global::Nabla.Examples.GradCam;
using StyleTransfer = global::Nabla.Examples.StyleTransfer;

namespace Nabla.Tests.Examples;

/// <summary>
/// Runs every example of examples/ in-process with <c>--quick --out &lt;temporary folder&gt;</c>: it must exit with 0,
/// print what it is about, and write its files (PNGs with the PNG signature and a real size). Some outputs are also
/// checked for the numbers the example exists to show. With <c>--device ilgpu-cpu</c> every example must run too and
/// print a report of the CPU run's shape.
/// </summary>
public sealed class ExampleTests : IDisposable
{
    private delegate int ExampleMain(string[] args, TextWriter output);

    /// <summary>An example, the files it writes and texts its report has; <paramref name="OnEmulator"/> false for the VGG16
    /// examples, whose quick runs take minutes on ilgpu-cpu's emulated kernels (the kernels they use are checked
    /// against the CPU by Devices/FunctionDeviceTests).</summary>
    private sealed record Example(ExampleMain Run, string[] Files, string[] Texts, bool OnEmulator = true);

    private static readonly Dictionary<string, Example> Examples = new()
    {
        ["TanhDerivatives"] = new(Tanh.Program.Run, ["tanh-derivatives.png", "tanh-grad4.dot"], ["graph nodes", "tanh"]),
        ["Newton"] = new(Newton.Program.Run, [], ["Newton's method from x = 2.0"]),
        ["Spiral"] = new(Spiral.Program.Run, ["spiral-decision-boundary.png"], ["epoch  30", "test accuracy"]),
        ["MnistMlp"] = new(MnistMlp.Program.Run, ["mnist-mlp.safetensors"], ["epoch 1", "test accuracy"]),
        ["MnistCnn"] = new(MnistCnn.Program.Run, [], ["epoch 1", "test accuracy"]),
        ["SinCurveLstm"] = new(SinCurveLstm.Program.Run, ["sincurve-prediction.png"], ["epoch   3", "mean squared error"]),
        ["NumericalVsAutomatic"] = new(NumericalVsAutomatic.Program.Run, [], ["central", "richardson", "reverse mode"]),
        ["Vae"] = new(Vae.Program.Run, ["vae-samples.png", "vae-reconstructions.png"], ["reconstruction", "KL", "test loss"]),
        ["Gan"] = new(Gan.Program.Run, ["gan-samples.png"], ["discriminator loss", "generator loss"]),
        ["CustomFunction"] = new(CustomFunction.Program.Run, [], ["GradientCheck passed", "forward = reverse = sigmoid: True"]),
        ["GradCam"] = new(GradCam.Program.Run, ["grad-cam.png", "grad-cam-input.png"], ["predicted class", "conv5_3 heat map 4x4", "weights: random"], OnEmulator: false),
        ["StyleTransfer"] = new(StyleTransfer.Program.Run, ["style-transfer.png", "style-transfer-content.png", "style-transfer-style.png"], ["iteration    2  loss", "wrote the stylised image"], OnEmulator: false),
    };

    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly string outDir = Path.Combine(Path.GetTempPath(), "nabla-examples-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(outDir)) Directory.Delete(outDir, recursive: true);
    }

    public static TheoryData<string> Names() => [.. Examples.Keys];

    public static TheoryData<string> EmulatedNames() => [.. Examples.Where(e => e.Value.OnEmulator).Select(e => e.Key)];

    private string RunQuick(string name, params string[] extra)
    {
        var output = new StringWriter();
        int code = Examples[name].Run(["--quick", "--out", outDir, .. extra], output);
        Assert.True(code == 0, $"{name} {string.Join(" ", extra)} exited with {code}:\n{output}");
        return output.ToString();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [MemberData(nameof(Names))]
    public void QuickRunSucceedsAndWritesItsFiles(string name)
    {
        var example = Examples[name];
        string text = RunQuick(name);
        foreach (var expected in example.Texts) Assert.Contains(expected, text);
        foreach (var file in example.Files)
        {
            string path = Path.Combine(outDir, file);
            Assert.True(File.Exists(path), $"{name} did not write {file}:\n{text}");
            Assert.Contains(path, text);
            if (path.EndsWith(".png", StringComparison.Ordinal)) AssertPng(path);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void UnknownArgumentIsAUsageError(string name)
    {
        var output = new StringWriter();
        Assert.Equal(2, Examples[name].Run(["--bogus"], output));
        Assert.Contains("unknown argument '--bogus'", output.ToString());
        Assert.Contains("--quick", output.ToString());
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void HelpPrintsUsageAndSucceeds(string name)
    {
        var output = new StringWriter();
        Assert.Equal(0, Examples[name].Run(["--help"], output));
        Assert.Contains($"usage: dotnet run --project examples/{name}", output.ToString());
        Assert.Contains($"(default: runs/examples/{name})", output.ToString());
    }

    [Fact]
    public void WithoutOutAnExampleWritesUnderRunsExamplesAndAnExampleThatWritesNothingLeavesNoFolder()
    {
        var output = new StringWriter();
        Assert.Equal(0, Newton.Program.Run([], output));
        Assert.False(Directory.Exists(Path.Combine("runs", "examples", "Newton")), "Newton writes nothing, so it makes no folder");
        output = new StringWriter();
        Assert.Equal(0, Tanh.Program.Run(["--quick"], output));
        var expected = Path.GetFullPath(Path.Combine("runs", "examples", "TanhDerivatives", "tanh-derivatives.png"));
        Assert.Contains(expected, output.ToString());
        Assert.True(File.Exists(expected));
        Directory.Delete(Path.Combine("runs", "examples", "TanhDerivatives"), recursive: true);
    }

    /// <summary>
    /// The whole run on ILGPU's CPU accelerator (the GPU kernels, emulated): a tensor left on the CPU would throw
    /// "operands on ilgpu-cpu and cpu". The report must have the CPU run's lines and name the same files; the numbers
    /// may differ in the last digits, and the quick runs that train are smaller there.
    /// </summary>
    [Theory]
    [Trait("Device", "ilgpu-cpu")]
    [MemberData(nameof(EmulatedNames))]
    public void QuickRunSucceedsOnIlgpuCpu(string name)
    {
        var example = Examples[name];
        string cpu = RunQuick(name);
        string ilgpu = RunQuick(name, "--device", "ilgpu-cpu");
        Assert.True(Lines(cpu).Length == Lines(ilgpu).Length, $"{name}: on the CPU\n{cpu}\non ilgpu-cpu\n{ilgpu}");
        foreach (var expected in example.Texts) Assert.Contains(expected, ilgpu);
        foreach (var file in example.Files)
        {
            Assert.Contains(Path.Combine(outDir, file), ilgpu);
            if (file.EndsWith(".png", StringComparison.Ordinal)) AssertPng(Path.Combine(outDir, file));
        }
    }

    public static TheoryData<string, string> BadDevices()
    {
        var data = new TheoryData<string, string>();
        foreach (var name in Examples.Keys)
        {
            data.Add(name, "tpu");
            data.Add(name, "cuda:99");
        }
        return data;
    }

    /// <summary>A device that is no device, or one this machine lacks: one line naming it, exit code 2, nothing run.</summary>
    [Theory]
    [MemberData(nameof(BadDevices))]
    public void UnknownOrAbsentDeviceIsAOneLineUsageError(string name, string device)
    {
        var output = new StringWriter();
        Assert.Equal(2, Examples[name].Run(["--quick", "--out", outDir, "--device", device], output));
        var lines = Lines(output.ToString());
        Assert.Single(lines);
        Assert.StartsWith($"{name}: ", lines[0]);
        Assert.Contains(device == "tpu" ? "unknown device 'tpu'" : "device cuda:99 is not available", lines[0]);
        Assert.False(Directory.Exists(outDir), $"{name} wrote {outDir} before rejecting the device");
    }

    [Fact]
    public void DeviceWithoutANameIsAUsageError()
    {
        var output = new StringWriter();
        Assert.Equal(2, Newton.Program.Run(["--device"], output));
        Assert.Contains("--device needs a device", output.ToString());
        Assert.Contains("--device NAME", output.ToString());
    }

    [Fact]
    public void CpuIsTheDefaultDevice()
    {
        Assert.Equal(RunQuick("Newton"), RunQuick("Newton", "--device", "cpu"));
    }

    [Fact]
    public void OutWithoutAFolderIsAUsageError()
    {
        var output = new StringWriter();
        Assert.Equal(2, Newton.Program.Run(["--out"], output));
        Assert.Contains("--out needs a folder", output.ToString());
    }

    [Fact]
    public void TanhDerivativesMatchTheClosedFormsAndTheGraphsGrow()
    {
        var rows = Regex.Matches(RunQuick("TanhDerivatives"), @"^\s+(\d)\s+(\d+)\s+(\S+)\s*$", RegexOptions.Multiline);
        Assert.Equal(Tanh.Program.Orders + 1, rows.Count);
        int previousNodes = 0;
        foreach (Match row in rows)
        {
            int nodes = int.Parse(row.Groups[2].Value, CultureInfo.InvariantCulture);
            Assert.True(nodes > previousNodes, $"the graph of order {row.Groups[1].Value} has {nodes} nodes, not more than {previousNodes}");
            Assert.True(double.Parse(row.Groups[3].Value, CultureInfo.InvariantCulture) < 1e-12, row.Value);
            previousNodes = nodes;
        }
    }

    [Theory]
    [InlineData(-1.3)]
    [InlineData(0.4)]
    [InlineData(2.0)]
    public void TanhClosedFormsAreTheDerivativesOfEachOther(double x)
    {
        for (int n = 1; n <= Tanh.Program.Orders; n++)
        {
            double numeric = NumericalDiff.Derivative(v => Tanh.Program.ClosedForm(Math.Tanh(v), n - 1), x, FiniteDifference.Richardson);
            Assert.Equal(numeric, Tanh.Program.ClosedForm(Math.Tanh(x), n), 1e-8);
        }
    }

    [Fact]
    public void NewtonReachesTheMinimum()
    {
        string text = RunQuick("Newton");
        Assert.Contains("x = 1 after", text);
        Assert.Contains("   1  1.4545454545454546", text);
    }

    [Fact]
    public void AutomaticDerivativesAreExactWhereFiniteDifferencesAreNot()
    {
        string text = RunQuick("NumericalVsAutomatic");
        foreach (var method in new[] { "forward mode", "reverse mode", "f'' by double backprop" })
        {
            var match = Regex.Match(text, "^" + Regex.Escape(method) + @".*\s(\S+)\s*$", RegexOptions.Multiline);
            Assert.True(match.Success, $"no line for {method}:\n{text}");
            Assert.True(double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) < 1e-14, match.Value);
        }
        var best = Regex.Match(text, @"best central\s+h = \S+\s+error (\S+)");
        Assert.True(double.Parse(best.Groups[1].Value, CultureInfo.InvariantCulture) > 1e-13, best.Value);
    }

    [Theory]
    [InlineData(-2.0)]
    [InlineData(0.3)]
    [InlineData(1.5)]
    public void NumericalVsAutomaticClosedFormsAreRight(double x)
    {
        Assert.Equal(NumericalDiff.Derivative(NumericalVsAutomatic.Program.Value, x, FiniteDifference.Richardson), NumericalVsAutomatic.Program.Exact(x), 1e-8);
        Assert.Equal(NumericalDiff.Derivative(NumericalVsAutomatic.Program.Exact, x, FiniteDifference.Richardson), NumericalVsAutomatic.Program.ExactSecond(x), 1e-8);
    }

    [Fact]
    public void MnistMlpReloadedWeightsScoreTheSame()
    {
        string text = RunQuick("MnistMlp");
        var trained = Regex.Match(text, @"epoch 1 .*test accuracy (\S+)");
        var reloaded = Regex.Match(text, @"loaded into a new model: test accuracy (\S+)");
        Assert.True(trained.Success && reloaded.Success, text);
        Assert.Equal(trained.Groups[1].Value, reloaded.Groups[1].Value);
    }

    /// <summary>The PNG signature, then the IHDR chunk with a plausible width and height.</summary>
    private static void AssertPng(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 1000, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20));
        Assert.InRange(width, 200, 4000);
        Assert.InRange(height, 100, 4000);
    }
}
