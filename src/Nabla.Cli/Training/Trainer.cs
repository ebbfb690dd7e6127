using System.Diagnostics;
using System.Globalization;
using System.Text;
using Nabla.IO;
using Nabla.NN.Optimizers;

namespace Nabla.Cli.Training;

/// <summary>
/// Runs the epochs of a task and keeps the run folder up to date after each one: the checkpoint
/// (<c>model.safetensors</c>) and <c>metrics.csv</c>, each written atomically, so that a run stopped by
/// Ctrl-C keeps everything of its last completed epoch; the charts are drawn when training stops.
/// </summary>
public sealed class Trainer(TrainingTask task, Optimizer optimizer, IReporter reporter, string folder, IReadOnlyDictionary<string, string>? metadata = null, bool writeFiles = true)
{
    private readonly List<EpochResult> results = [];

    public IReadOnlyList<EpochResult> Results => results;

    public string CheckpointPath => Path.Combine(folder, "model.safetensors");
    public string MetricsPath => Path.Combine(folder, "metrics.csv");
    public string LossChartPath => Path.Combine(folder, "loss.png");
    public string AccuracyChartPath => Path.Combine(folder, "accuracy.png");

    /// <summary>Trains for <paramref name="epochs"/> epochs; returns false when cancelled before the end.</summary>
    public bool Run(int epochs, CancellationToken token)
    {
        optimizer.Setup(task.Model);
        bool completed = true;
        reporter.Run(progress =>
        {
            for (int epoch = 1; epoch <= epochs; epoch++)
            {
                var clock = Stopwatch.StartNew();
                progress.StartEpoch(epoch, epochs, task.StepsPerEpoch);
                var train = task.TrainEpoch(optimizer, progress, token);
                progress.EndEpoch(completed: train is not null);
                if (train is null)
                {
                    completed = false;
                    return;
                }
                var test = task.Evaluate();
                var result = new EpochResult(epoch, train.Value.Loss, Acc(train.Value.Accuracy), test.Loss, Acc(test.Accuracy), clock.Elapsed.TotalSeconds);
                if (Diverging(result))
                {
                    // Going on would only overwrite the last good checkpoint with NaN weights.
                    Diverged = result;
                    completed = false;
                    return;
                }
                results.Add(result);
                Save();
                reporter.EpochDone(result);
                if (token.IsCancellationRequested)
                {
                    completed = epoch == epochs;
                    return;
                }
            }
        });
        DrawCharts();
        return completed;
    }

    /// <summary>The epoch whose loss was not finite, where training stopped; null when it did not diverge.</summary>
    public EpochResult? Diverged { get; private set; }

    /// <summary>Every file the run has written, for the final listing.</summary>
    public IReadOnlyList<string> Files { get; private set; } = [];

    /// <summary>
    /// A loss that is not finite, or a cross-entropy above a million (a uniform guess scores ln(classes)): the weights
    /// have blown up, and the softmax's log-sum-exp keeps such a loss finite for many epochs.
    /// </summary>
    private bool Diverging(EpochResult r) =>
        !double.IsFinite(r.TrainLoss) || !double.IsFinite(r.TestLoss) || (task.HasAccuracy && r.TrainLoss > 1e6);

    private double Acc(double accuracy) => task.HasAccuracy ? accuracy : double.NaN;

    /// <summary>After every epoch: the checkpoint and the metrics, so an interrupted run keeps them.</summary>
    private void Save()
    {
        if (!writeFiles) return; // a distributed run's other ranks: rank 0 writes
        task.Model.SaveWeights(CheckpointPath, metadata);
        var csv = Encoding.UTF8.GetBytes(Csv());
        AtomicFile.Write(MetricsPath, stream => stream.Write(csv));
        Files = [CheckpointPath, MetricsPath];
    }

    /// <summary>Once, when training ends or is interrupted: drawing every epoch would cost more than a small epoch.</summary>
    private void DrawCharts()
    {
        if (results.Count == 0 || !writeFiles) return;
        Charts.Curves(LossChartPath, "Loss", task.LossName, results, r => r.TrainLoss, r => r.TestLoss);
        var files = new List<string>(Files) { LossChartPath };
        if (task.HasAccuracy)
        {
            // In percent, as the console and the final line print it.
            Charts.Curves(AccuracyChartPath, "Accuracy", "accuracy (%)", results, r => 100 * r.TrainAccuracy, r => 100 * r.TestAccuracy, rising: true);
            files.Add(AccuracyChartPath);
        }
        files.AddRange(task.WriteCharts(folder));
        Files = files;
    }

    private string Csv()
    {
        var csv = new StringBuilder("epoch,train_loss,train_accuracy,test_loss,test_accuracy,seconds\n");
        foreach (var r in results)
            csv.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Epoch},{r.TrainLoss:R},{r.TrainAccuracy:R},{r.TestLoss:R},{r.TestAccuracy:R},{r.Seconds:F3}"));
        return csv.ToString();
    }
}
