using Nabla.Cli.Training;
using Nabla.IO;
using Nabla.NN;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>
/// <c>nabla convert IN OUT [--naming nabla|pytorch|dezero] [--model mlp|cnn]</c>: reads a checkpoint of one of
/// <c>nabla train mnist</c>'s models in any naming (detected from its keys) and writes it in the asked naming (Nabla's
/// by default), as safetensors or .npz by OUT's extension. The model comes from --model, else IN's metadata, else mlp.
/// </summary>
public sealed class ConvertCommand(CliContext cli) : Command<ConvertSettings>
{
    /// <summary>Converts IN into OUT; the exit code is 0 on success.</summary>
    public override int Execute(CommandContext context, ConvertSettings settings, CancellationToken cancellationToken)
    {
        var (input, target) = (settings.Input!, settings.Output!);
        if (!File.Exists(input)) throw new CliError($"convert: '{input}' does not exist", 1);
        var naming = ConvertSettings.ParseNaming(settings.Naming) ?? WeightNaming.Nabla;
        try
        {
            WeightFile.CheckSavePath(target, "convert");
            var tensors = WeightFile.Load(input, out var metadata);
            var modelName = settings.Model?.ToLowerInvariant() ?? metadata.GetValueOrDefault("model") ?? "mlp";
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
            cli.Output.WriteLine($"convert: {input} ({from} naming, {tensors.Count} tensors) -> {target} ({naming} naming, {modelName})");
            return 0;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or ArgumentException and not ArgumentNullException)
        {
            throw new CliError($"convert: {e.Message}", 1);
        }
    }
}
