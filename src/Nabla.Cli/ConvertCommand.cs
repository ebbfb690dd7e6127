using Nabla.Cli.Training;
using Nabla.IO;
using Nabla.NN;

namespace Nabla.Cli;

/// <summary>
/// <c>nabla convert IN OUT [--naming nabla|pytorch|dezero] [--model mlp|cnn]</c>: reads a checkpoint of one of
/// <c>nabla train mnist</c>'s models in any naming (detected from its keys) and writes it in the asked naming (Nabla's
/// by default), as safetensors or .npz by OUT's extension. The model comes from --model, else IN's metadata, else mlp.
/// </summary>
public static class ConvertCommand
{
    /// <summary>Runs the command; the exit code is 0 on success.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var reader = new ArgReader("convert", args, ["--naming", "--model"], []);
        if (reader.Positionals.Count != 2)
            throw new CliError("convert: needs IN and OUT (convert model.npz model.safetensors [--naming nabla|pytorch|dezero] [--model mlp|cnn])");
        var (input, target) = (reader.Positionals[0], reader.Positionals[1]);
        if (!File.Exists(input)) throw new CliError($"convert: '{input}' does not exist", 1);
        var naming = Naming(reader, "convert") ?? WeightNaming.Nabla;
        try
        {
            WeightFile.CheckSavePath(target, "convert");
            var tensors = WeightFile.Load(input, out var metadata);
            var modelName = reader.String("--model")?.ToLowerInvariant() ?? metadata.GetValueOrDefault("model") ?? "mlp";
            Model model = modelName switch
            {
                "mlp" => TrainingTasks.MnistMlp(),
                "cnn" => TrainingTasks.Cnn(),
                _ => throw new CliError($"convert: unknown model '{modelName}' (known: mlp, cnn)"),
            };
            var from = WeightNamings.Detect(model, tensors.Keys);
            model.LoadWeights(input, from);
            var outMetadata = new Dictionary<string, string>(metadata) { ["dataset"] = "mnist", ["model"] = modelName };
            model.SaveWeights(target, outMetadata, naming);
            output.WriteLine($"convert: {input} ({from} naming, {tensors.Count} tensors) -> {target} ({naming} naming, {modelName})");
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException and not ArgumentNullException)
        {
            throw new CliError($"convert: {e.Message}", 1);
        }
    }

    /// <summary>The --naming option, if given; an unknown value is a usage error.</summary>
    internal static WeightNaming? Naming(ArgReader reader, string command) => reader.String("--naming")?.ToLowerInvariant() switch
    {
        null => null,
        "nabla" => WeightNaming.Nabla,
        "pytorch" or "torch" => WeightNaming.PyTorch,
        "dezero" => WeightNaming.DeZero,
        var other => throw new CliError($"{command}: unknown naming '{other}' (known: nabla, pytorch, dezero)"),
    };
}
