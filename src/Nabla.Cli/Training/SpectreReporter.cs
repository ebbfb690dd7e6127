using System.Globalization;
using Spectre.Console;

namespace Nabla.Cli.Training;

/// <summary>
/// A live progress bar per epoch (loss, accuracy, samples/s, time left) and a table row after each epoch. Each epoch's
/// bar is its own live display, stopped and cleared before the epoch's row is printed, so that nothing else writes to
/// the terminal while a live display owns it: no bar fragment glued to a row, no bars reprinted at the end. An epoch
/// cut short by Ctrl-C is reported with the fraction it reached.
/// </summary>
public sealed class SpectreReporter(IAnsiConsole console) : IReporter
{
    // Fixed widths, so that the header and the rows, each printed as a table of its own, line up.
    private static readonly (string Name, int Width)[] Columns =
        [("epoch", 7), ("train loss", 10), ("train acc", 9), ("test loss", 10), ("test acc", 9), ("seconds", 8)];

    private bool headerPrinted;

    /// <inheritdoc/>
    public void Run(Action<IEpochProgress> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        using var epochs = new Epochs(console);
        training(epochs);
    }

    /// <inheritdoc/>
    public void EpochDone(EpochResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!headerPrinted)
        {
            console.Write(Table(showHeaders: true));
            headerPrinted = true;
        }
        var table = Table(showHeaders: false);
        table.AddRow(result.Epoch.ToString(CultureInfo.InvariantCulture), F(result.TrainLoss), P(result.TrainAccuracy),
            F(result.TestLoss), P(result.TestAccuracy), result.Seconds.ToString("F1", CultureInfo.InvariantCulture));
        console.Write(table);
    }

    /// <inheritdoc/>
    public void Info(string line) => console.MarkupLine(Markup.Escape(line));

    /// <summary>The line for an epoch stopped after <paramref name="done"/> of its <paramref name="steps"/> batches.</summary>
    public static string Interrupted(int epoch, int epochs, int done, int steps) => string.Create(CultureInfo.InvariantCulture,
        $"epoch {epoch}/{epochs} interrupted at {(steps == 0 ? 0 : 100L * done / steps)}% ({done} of {steps} batches)");

    private static Table Table(bool showHeaders)
    {
        // No border: a bordered table per row would box every row; these print as one aligned table, line by line.
        var table = new Table().Border(TableBorder.None);
        foreach (var (name, width) in Columns)
            table.AddColumn(new TableColumn(new Markup($"[bold]{name}[/]")).Width(width).RightAligned());
        if (!showHeaders) table.HideHeaders();
        return table;
    }

    private static string F(double v) => v.ToString("F4", CultureInfo.InvariantCulture);

    private static string P(double v) => double.IsNaN(v) ? "-" : v.ToString("P2", CultureInfo.InvariantCulture);

    /// <summary>Starts a live display at each epoch's start and stops (and clears) it at the epoch's end.</summary>
    private sealed class Epochs(IAnsiConsole console) : IEpochProgress, IDisposable
    {
        private ProgressTask? task;
        private TaskCompletionSource? finish;
        private Task? display;
        private int epoch, epochs, done, steps;

        public void StartEpoch(int epoch, int epochs, int steps)
        {
            Stop();
            (this.epoch, this.epochs, this.steps, done) = (epoch, epochs, steps, 0);
            var started = new TaskCompletionSource<ProgressTask>(TaskCreationOptions.RunContinuationsAsynchronously);
            finish = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var end = finish.Task;
            // The display runs until the epoch ends; training goes on on this thread and only updates the task.
            display = console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(),
                    new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    started.TrySetResult(context.AddTask($"epoch {epoch}/{epochs}", maxValue: Math.Max(steps, 1)));
                    await end.ConfigureAwait(false);
                });
            task = Task.WhenAny(started.Task, display).GetAwaiter().GetResult() == started.Task ? started.Task.Result : null;
        }

        public void Step(int done, double loss, double accuracy, double samplesPerSecond)
        {
            this.done = done;
            if (task is null) return;
            task.Value = done;
            var acc = double.IsNaN(accuracy) ? "" : $" acc {accuracy.ToString("P1", CultureInfo.InvariantCulture)}";
            task.Description = string.Create(CultureInfo.InvariantCulture,
                $"epoch {epoch}/{epochs} loss {loss:F4}{acc} {samplesPerSecond:F0} samples/s");
        }

        public void EndEpoch(bool completed)
        {
            Stop();
            if (!completed) console.MarkupLine(Markup.Escape(Interrupted(epoch, epochs, done, steps)));
        }

        public void Dispose() => Stop();

        /// <summary>Ends the live display and waits until it has cleared its lines.</summary>
        private void Stop()
        {
            finish?.TrySetResult();
            display?.GetAwaiter().GetResult();
            (finish, display, task) = (null, null, null);
        }
    }
}
