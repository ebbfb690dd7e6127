using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>The command line of <c>nabla export WEIGHTS --onnx OUT.onnx</c>.</summary>
public sealed class ExportSettings : CommandSettings
{
    /// <summary>The checkpoint of <c>nabla train</c> to export.</summary>
    [CommandArgument(0, "[weights]")]
    [Description("a model.safetensors written by nabla train")]
    public string? Weights { get; init; }

    /// <summary>The ONNX file to write (<c>--onnx</c>).</summary>
    [CommandOption("--onnx <FILE>")]
    [Description("the ONNX file to write")]
    public string? Onnx { get; init; }

    /// <summary>The ONNX opset (<c>--opset</c>, 13 to 21).</summary>
    [CommandOption("--opset <N>")]
    [Description("the ONNX opset, 13 to 21 (default 17)")]
    public int? Opset { get; init; }

    /// <summary>The folder of the MNIST files (<c>--data</c>), whose shape the model's input takes.</summary>
    [CommandOption("--data <DIR>")]
    [Description("folder of the MNIST files (default: the shipped 10k digits)")]
    public string? DataDirectory { get; init; }

    /// <inheritdoc/>
    public override ValidationResult Validate() => OptionChecks.First(
        Weights is null ? "export: give one weights file (a model.safetensors written by nabla train): export WEIGHTS --onnx OUT.onnx" : null,
        Onnx is null ? "export: --onnx OUT.onnx is required" : null,
        OptionChecks.AtLeast("export", "--opset", Opset, 13, 21));
}
