using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>The command line of <c>nabla eval --weights FILE</c>.</summary>
public sealed class EvalSettings : CommandSettings
{
    /// <summary>The checkpoint to test (<c>--weights</c>).</summary>
    [CommandOption("--weights <FILE>")]
    [Description("the checkpoint: a model.safetensors of nabla train, or a PyTorch or DeZero file (.safetensors, .npz)")]
    public string? Weights { get; init; }

    /// <summary>The model, for a file without nabla's metadata (<c>--model</c>).</summary>
    [CommandOption("--model <NAME>")]
    [Description("mlp or cnn, for a file without nabla's metadata (default: the file's, else mlp)")]
    public string? Model { get; init; }

    /// <summary>The naming of the file's keys (<c>--naming</c>), when they do not tell.</summary>
    [CommandOption("--naming <N>")]
    [Description("nabla, pytorch or dezero (default: detected from the keys)")]
    public string? Naming { get; init; }

    /// <summary>The folder of the MNIST files (<c>--data</c>).</summary>
    [CommandOption("--data <DIR>")]
    [Description("folder of the MNIST files (default: the shipped 10k digits)")]
    public string? DataDirectory { get; init; }

    /// <summary>Test on the first N/4 test examples only (<c>--limit</c>), as <c>train --limit N</c>.</summary>
    [CommandOption("--limit <N>")]
    [Description("use only the first N/4 test examples, as train --limit N (0: all)")]
    public int? Limit { get; init; }

    /// <summary>The device (<c>--device</c>).</summary>
    [CommandOption("--device <D>")]
    [Description("cpu (default), cuda, cuda:N or ilgpu-cpu")]
    public string? Device { get; init; }

    /// <summary>Plain lines instead of the table (<c>--plain</c>).</summary>
    [CommandOption("--plain")]
    [Description("plain lines instead of the confusion-matrix table (the default when not a terminal)")]
    public bool Plain { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() => OptionChecks.First(
        Weights is null ? "eval: --weights FILE is required (a model.safetensors written by nabla train)" : null,
        OptionChecks.OneOf("eval", "model", Model, ["mlp", "cnn"]),
        OptionChecks.OneOf("eval", "naming", Naming, ConvertSettings.Namings),
        OptionChecks.AtLeast("eval", "--limit", Limit, 0));
}
