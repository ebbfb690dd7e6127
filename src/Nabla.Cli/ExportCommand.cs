using Nabla.Cli.Training;
using Nabla.IO;
using Nabla.Tensors;

namespace Nabla.Cli;

/// <summary>
/// <c>nabla export WEIGHTS --onnx OUT.onnx [--opset N] [--data DIR]</c>: the model a weights file from
/// <c>nabla train</c> holds, as an ONNX file with a dynamic batch axis.
/// </summary>
public static class ExportCommand
{
    /// <summary>Runs the command; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var reader = new ArgReader("export", args, ["--onnx", "--opset", "--data"], []);
        if (reader.Positionals.Count != 1)
            throw new CliError("export: give one weights file (a model.safetensors written by nabla train): export WEIGHTS --onnx OUT.onnx");
        var weights = reader.Positionals[0];
        var path = reader.String("--onnx") ?? throw new CliError("export: --onnx OUT.onnx is required");
        int opset = int.TryParse(reader.String("--opset") ?? "17", out var o) && o is >= 13 and <= 21
            ? o : throw new CliError($"export: --opset '{reader.String("--opset")}' must be an integer from 13 to 21");
        if (!File.Exists(weights)) throw new CliError($"export: weights file '{weights}' does not exist", 1);
        Dictionary<string, string> metadata;
        try
        {
            SafeTensors.Load(weights, out metadata);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new CliError($"export: {e.Message}", 1);
        }
        var dataset = metadata.GetValueOrDefault("dataset") ?? "mnist";
        var model = metadata.GetValueOrDefault("model") ?? "mlp";
        if (dataset is not ("mnist" or "spiral"))
            throw new CliError($"export: '{weights}' holds a {dataset} model; export handles the classifiers (mnist, spiral)", 1);
        var data = reader.String("--data") is { } dir ? new[] { "--data=" + dir } : [];
        var task = (ClassificationTask)TrainingTasks.Create(TrainCommand.Parse(["--model", model, "--epochs", "1", .. data, dataset]) with { OutDirectory = "." });
        try
        {
            task.Model.LoadWeights(weights);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new CliError($"export: {e.Message}", 1);
        }
        var sample = Tensor.Zeros(DType.Float32, [1, .. task.TestSet.X.Shape[1..]]);
        Onnx.Onnx.Export(task.Model, sample, path, opset);
        output.WriteLine($"wrote {path}: the {dataset} {model} from {weights}, input (N, {string.Join(", ", sample.Shape[1..])}), opset {opset}");
        return 0;
    }
}
