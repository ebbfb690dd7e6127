using Nabla.Cli.Training;
using Nabla.IO;

namespace Nabla.Cli;

/// <summary>
/// The steps <c>nabla eval</c> and <c>nabla export</c> share to rebuild the classifier a checkpoint of
/// <c>nabla train</c> holds, each failure worded the same way under the command's name.
/// </summary>
internal static class TrainedClassifier
{
    /// <summary>A usage error (exit code 1) unless <paramref name="weights"/> exists.</summary>
    public static void RequireFile(string command, string weights)
    {
        if (!File.Exists(weights)) throw new CliError($"{command}: weights file '{weights}' does not exist", 1);
    }

    /// <summary>Runs <paramref name="read"/>; a bad or unreadable file becomes <c>command: message</c> with exit code 1.</summary>
    public static T Read<T>(string command, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new CliError($"{command}: {e.Message}", 1);
        }
    }

    /// <summary>A failure (exit code 1) unless <paramref name="dataset"/> is one whose model is a classifier.</summary>
    public static void RequireClassifier(string command, string weights, string dataset)
    {
        if (dataset is not ("mnist" or "spiral"))
            throw new CliError($"{command}: '{weights}' holds a {dataset} model; {command} handles the classifiers (mnist, spiral)", 1);
    }

    /// <summary>The task of <paramref name="settings"/> (one epoch, no run folder) with the weights of <paramref name="weights"/> loaded.</summary>
    public static ClassificationTask Load(string command, string weights, TrainSettings settings, WeightNaming? naming = null)
    {
        var options = TrainCommand.Options(settings);
        var task = (ClassificationTask)TrainingTasks.Create(options with { OutDirectory = "." });
        Read(command, () => task.Model.LoadWeights(weights, naming));
        return task;
    }
}
