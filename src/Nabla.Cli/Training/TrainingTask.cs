using Nabla.NN;
using Nabla.NN.Optimizers;

namespace Nabla.Cli.Training;

/// <summary>One data set with its model, loss and evaluation, as the trainer runs it epoch by epoch.</summary>
public abstract class TrainingTask
{
    /// <summary>The model being trained.</summary>
    public abstract Model Model { get; }

    /// <summary>Batches per training epoch.</summary>
    public abstract int StepsPerEpoch { get; }

    /// <summary>The loss's name for charts.</summary>
    public virtual string LossName => "softmax cross-entropy";

    /// <summary>True when accuracy means something (classification).</summary>
    public virtual bool HasAccuracy => true;

    /// <summary>
    /// One pass over the training data; reports after every batch. Returns null when cancelled
    /// (checked after each batch), so that the epoch is not counted.
    /// </summary>
    public abstract (double Loss, double Accuracy)? TrainEpoch(Optimizer optimizer, IEpochProgress progress, CancellationToken token);

    /// <summary>Loss and accuracy on the test data, in test mode and without a graph.</summary>
    public abstract (double Loss, double Accuracy) Evaluate();

    /// <summary>Charts particular to this data set, written into <paramref name="folder"/>; returns their paths.</summary>
    public virtual IReadOnlyList<string> WriteCharts(string folder) => [];
}
