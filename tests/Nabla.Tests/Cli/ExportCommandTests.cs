using Nabla.Autodiff;
using Nabla.Cli;
using Nabla.Cli.Training;
using Nabla.IO;
using Nabla.Tensors;
using static Nabla.Tests.Onnx.OnnxRuntimeHelper;

namespace Nabla.Tests.Cli;

public class ExportCommandTests
{
    [Fact]
    public void Exported_spiral_model_agrees_with_the_trained_one_in_onnx_runtime()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"nabla-export-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(0, CommandLine.Invoke(["train", "spiral", "--epochs", "2", "--plain", "--out", dir], new StringWriter(), CancellationToken.None));
            string weights = Path.Combine(dir, "model.safetensors"), onnx = Path.Combine(dir, "model.onnx");
            var output = new StringWriter();
            Assert.Equal(0, CommandLine.Invoke(["export", weights, "--onnx", onnx], output));
            Assert.Contains("wrote", output.ToString());

            var task = (ClassificationTask)TrainingTasks.Create(TrainCommand.Options(new TrainSettings { Dataset = "spiral" }) with { OutDirectory = "." });
            task.Model.LoadWeights(weights);
            var x = task.TestSet.X;
            float[] expected;
            using (Config.TestMode())
            using (Config.NoGrad())
                expected = task.Model.Forward(x).Data.AsType(DType.Float32).ToArray<float>();
            AssertClose(expected, Run(File.ReadAllBytes(onnx), x, out var shape));
            Assert.Equal(x.Shape[0], shape[0]);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Missing_arguments_are_one_line_errors()
    {
        var e = Assert.Throws<CliError>(() => CommandLine.Invoke(["export", "model.safetensors"], new StringWriter()));
        Assert.Contains("--onnx", e.Message);
        e = Assert.Throws<CliError>(() => CommandLine.Invoke(["export", "/nonexistent/m.safetensors", "--onnx", "o.onnx"], new StringWriter()));
        Assert.Contains("does not exist", e.Message);
        e = Assert.Throws<CliError>(() => CommandLine.Invoke(["export", "m.safetensors", "--onnx", "o.onnx", "--opset", "9"], new StringWriter()));
        Assert.Contains("--opset", e.Message);
    }
}
