using System.Globalization;
using Spectre.Console;

namespace Nabla.Cli.Training;

/// <summary>A live progress bar per epoch (loss, accuracy, samples/s, time left) and a table after each epoch.</summary>
public sealed class SpectreReporter(IAnsiConsole console) : IReporter
{
    private readonly List<EpochResult> results = [];

    public void Run(Action<IEpochProgress> training) =>
        console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => training(new Epochs(context)));

    public void EpochDone(EpochResult result)
    {
        results.Add(result);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("epoch", "train loss", "train acc", "test loss", "test acc", "seconds");
        foreach (var r in results.TakeLast(1))
            table.AddRow(r.Epoch.ToString(CultureInfo.InvariantCulture), F(r.TrainLoss), P(r.TrainAccuracy),
                F(r.TestLoss), P(r.TestAccuracy), r.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        console.Write(table);
    }

    public void Info(string line) => console.MarkupLine(Markup.Escape(line));

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

    private static string P(double v) => double.IsNaN(v) ? "-" : v.ToString("P2", CultureInfo.InvariantCulture);

    private sealed class Epochs(ProgressContext context) : IEpochProgress
    {
        private ProgressTask? task;
        private int epoch, epochs;

        public void StartEpoch(int epoch, int epochs, int steps)
        {
            (this.epoch, this.epochs) = (epoch, epochs);
            task = context.AddTask($"epoch {epoch}/{epochs}", maxValue: steps);
        }

        public void Step(int done, double loss, double accuracy, double samplesPerSecond)
        {
            if (task is null) return;
            task.Value = done;
            var acc = double.IsNaN(accuracy) ? "" : $" acc {accuracy.ToString("P1", CultureInfo.InvariantCulture)}";
            task.Description = string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}/{epochs} loss {loss:F4}{acc} {samplesPerSecond:F0} samples/s");
        }

        public void EndEpoch()
        {
            if (task is not null) task.Value = task.MaxValue;
            task?.StopTask();
        }
    }
}
