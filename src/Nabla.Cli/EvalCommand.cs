using System.Globalization;
using Nabla.Cli.Training;
using Nabla.IO;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Nabla.Cli;

/// <summary>
/// <c>nabla eval --weights FILE [--model mlp|cnn] [--naming N] [--data DIR] [--device D]</c>: test accuracy, per-class
/// accuracy and the confusion matrix of a trained classifier. The model comes from the file's metadata (nabla train's
/// safetensors), else from --model (a PyTorch or DeZero file has none); the naming from the keys, else --naming.
/// </summary>
public sealed class EvalCommand(CliContext cli) : Command<EvalSettings>
{
    /// <summary>Tests the classifier of <c>--weights</c> on the test set.</summary>
    public override int Execute(CommandContext context, EvalSettings settings, CancellationToken cancellationToken)
    {
        var weights = settings.Weights!;
        TrainedClassifier.RequireFile("eval", weights);
        var metadata = TrainedClassifier.Read("eval", () => ReadMetadata(weights));
        var dataset = metadata.GetValueOrDefault("dataset") ?? "mnist";
        var model = settings.Model?.ToLowerInvariant() ?? metadata.GetValueOrDefault("model") ?? "mlp";
        var naming = ConvertSettings.ParseNaming(settings.Naming);
        TrainedClassifier.RequireClassifier("eval", weights, dataset);
        if (!TrainingTasks.Models(dataset).Contains(model))
            throw new CliError($"eval: unknown model '{model}' for {dataset} (known: {string.Join(", ", TrainingTasks.Models(dataset))})");
        var task = TrainedClassifier.Load("eval", weights, new TrainSettings
        {
            Dataset = dataset, Model = model, Epochs = 1, DataDirectory = settings.DataDirectory, Limit = settings.Limit, Device = settings.Device,
        }, naming);
        WarnOnNonFiniteWeights(task.Model, weights, cli.Output);
        var (xTest, tTest) = task.TestSet;
        var predicted = task.Predict(xTest);
        var truth = tTest.AsType(Tensors.DType.Int64).ToArray<long>();
        Report(cli, settings.Plain || !cli.Interactive, weights, dataset, model, predicted, truth);
        return 0;
    }

    /// <summary>A diverged run saves NaN weights, whose "accuracy" is that of a constant guess: say so first.</summary>
    private static void WarnOnNonFiniteWeights(NN.Layer model, string weights, TextWriter output)
    {
        long bad = model.Parameters().Sum(p => (long)p.Data.ToDoubleArray().Count(v => !double.IsFinite(v)));
        if (bad > 0)
            output.WriteLine($"warning: {bad:N0} of the {model.ParameterCount():N0} weights in '{weights}' are NaN or infinite (the run diverged); the accuracy below is meaningless");
    }

    /// <summary>The metadata of a safetensors file; none for another format (a PyTorch or DeZero .npz).</summary>
    private static Dictionary<string, string> ReadMetadata(string path)
    {
        if (WeightFile.Sniff(path) != WeightFileFormat.SafeTensors) return [];
        SafeTensors.Load(path, out var metadata);
        return metadata;
    }

    private static void Report(CliContext cli, bool plain, string weights, string dataset, string model, long[] predicted, long[] truth)
    {
        int classes = (int)Math.Max(predicted.Max(), truth.Max()) + 1;
        var confusion = new int[classes, classes];
        for (int i = 0; i < truth.Length; i++) confusion[truth[i], predicted[i]]++;
        double accuracy = truth.Length == 0 ? 0 : Enumerable.Range(0, truth.Length).Count(i => predicted[i] == truth[i]) / (double)truth.Length;
        string Pct(double v) => v.ToString("P2", CultureInfo.InvariantCulture);
        double ClassAcc(int c)
        {
            int total = 0;
            for (int p = 0; p < classes; p++) total += confusion[c, p];
            return total == 0 ? double.NaN : confusion[c, c] / (double)total;
        }
        var output = cli.Output;
        if (plain)
        {
            output.WriteLine($"{dataset} {model} from {weights}: test accuracy {Pct(accuracy)} on {truth.Length} examples");
            for (int c = 0; c < classes; c++)
                output.WriteLine($"class {c}: accuracy {Pct(ClassAcc(c))}; predicted as: {string.Join(" ", Enumerable.Range(0, classes).Select(p => confusion[c, p]))}");
            return;
        }
        var console = cli.Console;
        console.MarkupLine($"[bold]{Markup.Escape(dataset)} {Markup.Escape(model)}[/] from {Markup.Escape(weights)}: test accuracy [green]{Pct(accuracy)}[/] on {truth.Length} examples");
        var table = new Table().Border(TableBorder.Rounded).Title("confusion matrix (rows: true class, columns: predicted)");
        table.AddColumn("class");
        for (int p = 0; p < classes; p++) table.AddColumn(new TableColumn(p.ToString(CultureInfo.InvariantCulture)).RightAligned());
        table.AddColumn(new TableColumn("accuracy").RightAligned());
        for (int c = 0; c < classes; c++)
        {
            var cells = new List<string> { c.ToString(CultureInfo.InvariantCulture) };
            for (int p = 0; p < classes; p++)
                cells.Add(p == c ? $"[green]{confusion[c, p]}[/]" : confusion[c, p] == 0 ? "[grey]0[/]" : $"[red]{confusion[c, p]}[/]");
            cells.Add(Pct(ClassAcc(c)));
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }
}
