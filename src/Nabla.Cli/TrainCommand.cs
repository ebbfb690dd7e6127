using System.Globalization;
using Nabla.Cli.Training;
using Nabla.Distributed;
using Nabla.NN;
using Nabla.NN.Optimizers;
using Nabla.Tensors;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary><c>nabla train &lt;dataset&gt;</c>: trains a model, writes the run folder, prints where everything went.</summary>
public sealed class TrainCommand(CliContext cli) : Command<TrainSettings>
{
    /// <summary>Exit code when Ctrl-C stopped training before the last epoch.</summary>
    public const int Interrupted = 130;

    /// <summary>Trains as <paramref name="settings"/> say; cancelled (after the current batch) by <paramref name="cancellationToken"/>.</summary>
    public override int Execute(CommandContext context, TrainSettings settings, CancellationToken cancellationToken) =>
        Run(Options(settings), cli.Output, cancellationToken, cli.Interactive);

    /// <summary>Trains with <paramref name="options"/> and returns the exit code.</summary>
    public static int Run(TrainOptions options, TextWriter output, CancellationToken token, bool interactive = false)
    {
        Parallelism.MaxThreads = options.Threads;
        if (options.Book) return BookStep48.Run(options.Epochs, options.NumPyRng, output, token);
        using var communicator = options.Distributed ? Communicators.Create() : null;
        bool writer = communicator is null || communicator.Rank == 0;
        Init.Generator = options.NumPyRng ? Generator.NumPy((uint)options.Seed) : new Generator(options.Seed);
        // The data first: a run that cannot load it must not leave an empty run folder behind.
        var task = TrainingTasks.Create(options);
        // Only rank 0 creates (and may clean up) the run folder.
        bool folderExisted = !writer || Directory.Exists(options.OutDirectory);
        var folder = writer ? PrepareFolder(options.OutDirectory) : Path.GetFullPath(options.OutDirectory);
        var optimizer = CreateOptimizer(options);
        bool plain = options.Plain || !interactive;
        IReporter reporter = !writer ? new PlainReporter(TextWriter.Null) : plain ? new PlainReporter(output) : new SpectreReporter(AnsiConsole.Console);
        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"training {options.Model} on {options.Dataset}: {options.Epochs} epochs, batch {options.BatchSize}, lr {options.LearningRate:G}, seed {options.Seed}, {options.Threads} threads, on {options.Device}"));
        var parallel = communicator is null ? null : DistributedTraining.Start(task, options, communicator, reporter);
        var metadata = new Dictionary<string, string> { ["dataset"] = options.Dataset, ["model"] = options.Model, ["nabla"] = SystemInfo.NablaVersion() };
        var trainer = new Trainer(task, optimizer, reporter, folder, metadata, writer);
        bool completed = trainer.Run(options.Epochs, token);
        if (parallel is not null) DistributedTraining.Report(parallel, trainer, task, reporter);
        if (trainer.Results.Count > 0)
        {
            var last = trainer.Results[^1];
            if (task.HasAccuracy)
                reporter.Info(string.Create(CultureInfo.InvariantCulture, $"test accuracy {last.TestAccuracy:P2} after {last.Epoch} epochs"));
            else
                reporter.Info(string.Create(CultureInfo.InvariantCulture, $"test loss {last.TestLoss:G4} after {last.Epoch} epochs"));
        }
        if (trainer.Results.Count > 0) reporter.Info($"the model has {task.Model.ParameterCount():N0} weights");
        foreach (var file in trainer.Files) reporter.Info($"wrote {file}");
        if (!folderExisted && trainer.Results.Count == 0 && !Directory.EnumerateFileSystemEntries(folder).Any())
            Directory.Delete(folder); // a run that saved nothing leaves no empty run folder
        if (trainer.Diverged is { } bad)
        {
            string saved = trainer.Results.Count > 0 ? $"the checkpoint is that of epoch {trainer.Results[^1].Epoch}" : "nothing was saved";
            reporter.Info(FormattableString.Invariant(
                $"stopped: the training loss of epoch {bad.Epoch} is {bad.TrainLoss} (test loss {bad.TestLoss}): training diverged; try a smaller --lr than {options.LearningRate:G} ({saved})"));
            return 1;
        }
        if (completed) return 0;
        reporter.Info(trainer.Results.Count == 0
            ? "interrupted before the first epoch finished; nothing was saved"
            : $"interrupted: kept the checkpoint and metrics of epoch {trainer.Results[^1].Epoch}");
        return Interrupted;
    }

    /// <summary>The options with each data set's defaults (DeZero's examples; the README's MNIST run) for what was left out.</summary>
    public static TrainOptions Options(TrainSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { Successful: false } failed) throw new CliError(failed.Message ?? "train: bad options");
        var dataset = settings.Dataset!.ToLowerInvariant();
        var defaults = Defaults(dataset);
        var model = settings.Model?.ToLowerInvariant() ?? defaults.Model;
        return defaults with
        {
            Book = settings.Book,
            NumPyRng = settings.NumPyRng,
            Model = model,
            Epochs = settings.Epochs ?? defaults.Epochs,
            BatchSize = settings.BatchSize ?? defaults.BatchSize,
            LearningRate = settings.LearningRate ?? defaults.LearningRate,
            WeightDecay = settings.WeightDecay ?? defaults.WeightDecay,
            Seed = settings.Seed ?? 0,
            DataDirectory = settings.DataDirectory,
            OutDirectory = settings.OutDirectory ?? Path.Combine("runs", $"{dataset}-{model}-{DateTime.Now:yyyyMMdd-HHmmss}"),
            Threads = settings.Threads ?? Environment.ProcessorCount,
            Plain = settings.Plain,
            Distributed = settings.Distributed,
            Limit = settings.Limit ?? 0,
            Device = DeviceOption.Parse("train", settings.Device),
        };
    }

    private static TrainOptions Defaults(string dataset) => dataset switch
    {
        "spiral" => new() { Dataset = dataset, Model = "mlp", Epochs = 300, BatchSize = 30, LearningRate = 1.0, OutDirectory = "" },
        "sincurve" => new() { Dataset = dataset, Model = "lstm", Epochs = 100, BatchSize = 1, LearningRate = 1e-3, OutDirectory = "" },
        _ => new() { Dataset = dataset, Model = "mlp", Epochs = 5, BatchSize = 100, LearningRate = 1e-3, WeightDecay = 1e-4, OutDirectory = "" },
    };

    private static Optimizer CreateOptimizer(TrainOptions options)
    {
        Optimizer optimizer = options.Dataset == "spiral" ? new SGD(options.LearningRate) : new Adam(options.LearningRate);
        if (options.WeightDecay > 0) optimizer.AddHook(new WeightDecay(options.WeightDecay));
        return optimizer;
    }

    /// <summary>Creates the run folder and proves it writable before any training time is spent.</summary>
    private static string PrepareFolder(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return full;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CliError($"train: cannot write to the output folder '{path}': {e.Message}", 1);
        }
    }
}
