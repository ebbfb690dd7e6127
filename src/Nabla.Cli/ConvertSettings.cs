using System.ComponentModel;
using Nabla.IO;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>The command line of <c>nabla convert IN OUT</c>.</summary>
public sealed class ConvertSettings : CommandSettings
{
    /// <summary>The names <c>--naming</c> takes (<c>torch</c> is also read, as <c>pytorch</c>).</summary>
    public static readonly string[] Namings = ["nabla", "pytorch", "dezero", "torch"];

    /// <summary>The checkpoint to read.</summary>
    [CommandArgument(0, "[in]")]
    [Description("the checkpoint to read: safetensors or .npz, in any naming")]
    public string? Input { get; init; }

    /// <summary>The checkpoint to write.</summary>
    [CommandArgument(1, "[out]")]
    [Description("the checkpoint to write: .safetensors or .npz")]
    public string? Output { get; init; }

    /// <summary>The naming to write (<c>--naming</c>).</summary>
    [CommandOption("--naming <N>")]
    [Description("nabla (default), pytorch or dezero")]
    public string? Naming { get; init; }

    /// <summary>The model (<c>--model</c>), for a file without nabla's metadata.</summary>
    [CommandOption("--model <NAME>")]
    [Description("mlp or cnn (default: IN's metadata, else mlp)")]
    public string? Model { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() => OptionChecks.First(
        Input is null || Output is null ? "convert: needs IN and OUT (convert model.npz model.safetensors [--naming nabla|pytorch|dezero] [--model mlp|cnn])" : null,
        OptionChecks.OneOf("convert", "naming", Naming, Namings),
        OptionChecks.OneOf("convert", "model", Model, ["mlp", "cnn"]));

    /// <summary>The naming <paramref name="text"/> names (null when not given); an unknown one is a usage error.</summary>
    public static WeightNaming? ParseNaming(string? text) => text?.ToLowerInvariant() switch
    {
        null => null,
        "nabla" => WeightNaming.Nabla,
        "pytorch" or "torch" => WeightNaming.PyTorch,
        "dezero" => WeightNaming.DeZero,
        var other => throw new CliError($"unknown naming '{other}' (known: nabla, pytorch, dezero)"),
    };
}
