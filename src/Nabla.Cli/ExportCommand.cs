using Nabla.Cli.Training;
using Nabla.IO;
using Nabla.Tensors;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>
/// <c>nabla export WEIGHTS --onnx OUT.onnx [--opset N] [--data DIR]</c>: the model a weights file from
/// <c>nabla train</c> holds, as an ONNX file with a dynamic batch axis.
/// </summary>
public sealed class ExportCommand(CliContext cli) : Command<ExportSettings>
{
    /// <summary>Writes the ONNX file; returns the exit code.</summary>
    public override int Execute(CommandContext context, ExportSettings settings, CancellationToken cancellationToken)
    {
        var (weights, path, opset) = (settings.Weights!, settings.Onnx!, settings.Opset ?? 17);
        TrainedClassifier.RequireFile("export", weights);
        var metadata = TrainedClassifier.Read("export", () =>
        {
            SafeTensors.Load(weights, out var read);
            return read;
        });
        var dataset = metadata.GetValueOrDefault("dataset") ?? "mnist";
        var model = metadata.GetValueOrDefault("model") ?? "mlp";
        TrainedClassifier.RequireClassifier("export", weights, dataset);
        var task = TrainedClassifier.Load("export", weights,
            new TrainSettings { Dataset = dataset, Model = model, Epochs = 1, DataDirectory = settings.DataDirectory });
        var sample = Tensor.Zeros(DType.Float32, [1, .. task.TestSet.X.Shape[1..]]);
        Onnx.Onnx.Export(task.Model, sample, path, opset);
        cli.Output.WriteLine($"wrote {path}: the {dataset} {model} from {weights}, input (N, {string.Join(", ", sample.Shape[1..])}), opset {opset}");
        return 0;
    }
}
