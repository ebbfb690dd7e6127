using System.ComponentModel;
using Nabla.Cli.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>The command line of <c>nabla train &lt;data&gt;</c>; an option left out takes the data set's default.</summary>
public sealed class TrainSettings : CommandSettings
{
    /// <summary>The data sets <c>nabla train</c> knows.</summary>
    public static readonly string[] Datasets = ["mnist", "spiral", "sincurve"];

    /// <summary>The data set: mnist, spiral or sincurve.</summary>
    [CommandArgument(0, "[data]")]
    [Description("mnist, spiral or sincurve")]
    public string? Dataset { get; init; }

    /// <summary>The model (<c>--model</c>); mnist: mlp or cnn.</summary>
    [CommandOption("--model <NAME>")]
    [Description("mnist: mlp (default) or cnn; spiral: mlp; sincurve: lstm")]
    public string? Model { get; init; }

    /// <summary>The number of epochs (<c>--epochs</c>).</summary>
    [CommandOption("--epochs <N>")]
    [Description("epochs to train (mnist 5, spiral 300, sincurve 100)")]
    public int? Epochs { get; init; }

    /// <summary>The mini-batch size (<c>--batch-size</c>); not for sincurve.</summary>
    [CommandOption("--batch-size <N>")]
    [Description("examples per step (mnist 100, spiral 30; not for sincurve)")]
    public int? BatchSize { get; init; }

    /// <summary>The learning rate (<c>--lr</c>).</summary>
    [CommandOption("--lr <X>")]
    [Description("learning rate (mnist and sincurve: Adam 1e-3; spiral: SGD 1.0)")]
    public double? LearningRate { get; init; }

    /// <summary>The L2 weight decay (<c>--weight-decay</c>).</summary>
    [CommandOption("--weight-decay <X>")]
    [Description("L2 weight decay, zero or positive (mnist 1e-4, others 0)")]
    public double? WeightDecay { get; init; }

    /// <summary>The random seed (<c>--seed</c>).</summary>
    [CommandOption("--seed <N>")]
    [Description("random seed for the weights, data and shuffles (default 0)")]
    public long? Seed { get; init; }

    /// <summary>The folder of the MNIST files (<c>--data</c>).</summary>
    [CommandOption("--data <DIR>")]
    [Description("folder of the MNIST files (default: the shipped 10k digits)")]
    public string? DataDirectory { get; init; }

    /// <summary>The run folder (<c>--out</c>).</summary>
    [CommandOption("--out <DIR>")]
    [Description("run folder (default: runs/<data>-<model>-<time>)")]
    public string? OutDirectory { get; init; }

    /// <summary>The number of threads (<c>--threads</c>).</summary>
    [CommandOption("--threads <N>")]
    [Description("threads to compute on (default: every core)")]
    public int? Threads { get; init; }

    /// <summary>Train on the first N examples only (<c>--limit</c>).</summary>
    [CommandOption("--limit <N>")]
    [Description("use only the first N training and N/4 test examples (0: all)")]
    public int? Limit { get; init; }

    /// <summary>The device (<c>--device</c>).</summary>
    [CommandOption("--device <D>")]
    [Description("cpu (default), cuda, cuda:N or ilgpu-cpu")]
    public string? Device { get; init; }

    /// <summary>One line per epoch instead of the live display (<c>--plain</c>).</summary>
    [CommandOption("--plain")]
    [Description("one line per epoch instead of the live progress (the default when not a terminal)")]
    public bool Plain { get; init; }

    /// <summary>NumPy's legacy generator (<c>--numpy-rng</c>).</summary>
    [CommandOption("--numpy-rng")]
    [Description("draw data, weights and shuffles from NumPy's legacy generator, as DeZero")]
    public bool NumPyRng { get; init; }

    /// <summary>The book's step 48 exactly (<c>--book</c>, spiral only).</summary>
    [CommandOption("--book")]
    [Description("spiral: the book's step 48 exactly, printing each epoch's loss")]
    public bool Book { get; init; }

    /// <summary>Data-parallel over the ranks of an MPI job (<c>--distributed</c>).</summary>
    [CommandOption("--distributed")]
    [Description("data-parallel over the ranks of the MPI job (under mpirun)")]
    public bool Distributed { get; init; }

    /// <summary>Checks every value that can be checked without the data or the devices.</summary>
    public override ValidationResult Validate()
    {
        var dataset = Dataset?.ToLowerInvariant();
        return OptionChecks.First(
            dataset is null ? $"train: which data set? (known: {string.Join(", ", Datasets)})" : null,
            OptionChecks.OneOf("train", "data set", Dataset, Datasets),
            dataset == "sincurve" && BatchSize is not null
                ? "train sincurve: --batch-size does not apply: the LSTM is trained on one sequence, by truncated BPTT over 30 steps" : null,
            dataset is not null && Datasets.Contains(dataset) ? OptionChecks.OneOf("train", "model", Model, TrainingTasks.Models(dataset).ToArray(), dataset) : null,
            Book && dataset != "spiral" ? $"train: --book runs the book's step 48, which trains spiral, not {dataset}" : null,
            NumPyRng && Seed is < 0 or > uint.MaxValue ? $"train: --numpy-rng needs a seed in [0, 2^32), got {Seed}" : null,
            OptionChecks.AtLeast("train", "--epochs", Epochs, 1),
            OptionChecks.AtLeast("train", "--batch-size", BatchSize, 1),
            OptionChecks.Positive("train", "--lr", LearningRate),
            OptionChecks.Positive("train", "--weight-decay", WeightDecay, zeroAllowed: true),
            OptionChecks.AtLeast("train", "--threads", Threads, 1),
            OptionChecks.AtLeast("train", "--limit", Limit, 0));
    }
}
