namespace Nabla.Cli.Training;

/// <summary>Receives progress within epochs.</summary>
public interface IEpochProgress
{
    void StartEpoch(int epoch, int epochs, int steps);

    /// <summary>After each batch: the running mean loss and accuracy of the epoch so far, and throughput.</summary>
    void Step(int done, double loss, double accuracy, double samplesPerSecond);

    /// <summary>After the epoch's last batch, or the batch after which it was cancelled (<paramref name="completed"/> false).</summary>
    void EndEpoch(bool completed);
}
