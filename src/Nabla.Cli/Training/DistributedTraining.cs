using System.Globalization;
using Nabla.Autodiff;
using Nabla.Distributed;

namespace Nabla.Cli.Training;

/// <summary>What <c>nabla train --distributed</c> adds to a run: the data-parallel wrapper and its report.</summary>
public static class DistributedTraining
{
    /// <summary>
    /// Builds the model's parameters (layers create them on their first input), then checks the model on every rank
    /// and copies rank 0's weights to all. Each rank trains on <c>--batch-size / size</c> examples of every global batch.
    /// </summary>
    public static DistributedDataParallel Start(TrainingTask task, TrainOptions options, ICommunicator communicator, IReporter reporter)
    {
        if (task is not ClassificationTask classification)
            throw new CliError($"train: --distributed is available for mnist, not {options.Dataset}");
        if (options.BatchSize < communicator.Size)
            throw new CliError($"train: --batch-size {options.BatchSize} is smaller than the {communicator.Size} ranks; each rank needs at least one example per step");
        using (Config.NoGrad())
        using (Config.TestMode())
            classification.Model.Forward(classification.XTrain.Narrow(0, 0, 1));
        var parallel = new DistributedDataParallel(classification.Model, communicator);
        parallel.Start();
        classification.Parallel = parallel;
        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"distributed over {communicator.Size} rank(s) ({communicator.Description}): {options.BatchSize / (double)communicator.Size:G4} examples per rank per step, " +
            $"{parallel.GradientBytes:N0} gradient bytes in {parallel.BucketCount} allreduce(s) per step"));
        return parallel;
    }

    /// <summary>The figures of docs/DISTRIBUTED.md: time per step, allreduce time per step, and the identity check.</summary>
    public static void Report(DistributedDataParallel parallel, Trainer trainer, TrainingTask task, IReporter reporter)
    {
        long hash = parallel.CheckParametersIdentical();
        int steps = trainer.Results.Count * task.StepsPerEpoch;
        if (steps == 0) return;
        double seconds = trainer.Results.Sum(r => r.Seconds);
        reporter.Info(string.Create(CultureInfo.InvariantCulture,
            $"parameters identical on all {parallel.Communicator.Size} rank(s) (hash {hash:x16}); " +
            $"{seconds / steps * 1000:F2} ms per step, of which allreduce {parallel.ReduceTime.TotalMilliseconds / steps:F2} ms (rank 0)"));
    }
}
