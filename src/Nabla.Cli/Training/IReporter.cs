namespace Nabla.Cli.Training;

/// <summary>Where training progress goes: a live Spectre.Console display or plain lines.</summary>
public interface IReporter
{
    /// <summary>Runs the whole training inside the reporter (a live display needs to own the console meanwhile).</summary>
    void Run(Action<IEpochProgress> training);

    void EpochDone(EpochResult result);

    void Info(string line);
}
