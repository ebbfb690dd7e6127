namespace Nabla.Bench.Training;

/// <summary>
/// One system's side of a training workload (W1, W2, W7): the model, its optimizer and data, trained one epoch per
/// call. The benchmark times <see cref="TrainEpoch"/>; <c>--memory</c> follows the process's memory over epochs;
/// <c>--profile</c> breaks an epoch into phases and times each layer on its own.
/// </summary>
internal interface ITrainer : IDisposable
{
    /// <summary>Training steps in one epoch (fewer with <c>--quick</c>).</summary>
    int StepsPerEpoch { get; }

    /// <summary>Trains one epoch; with <paramref name="phases"/>, records where the time went.</summary>
    EpochStats TrainEpoch(Phases? phases = null);

    /// <summary>The test figure of the model as it is now: accuracy for classification, mean squared error for the sin curve.</summary>
    double Test();

    /// <summary>Each stage (layer, activation, loss) run alone on a batch: forward and backward ms per call, median of <paramref name="reps"/>.</summary>
    IReadOnlyList<StageTime> ProfileStages(int reps);

    /// <summary>One optimizer step (hooks included) on gradients already computed, ms per call, median of <paramref name="reps"/>.</summary>
    double ProfileUpdate(int reps);
}
