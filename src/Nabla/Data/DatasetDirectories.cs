namespace Nabla.Data;

/// <summary>
/// Finds the data sets that ship with Nabla: <c>$NABLA_DATA/&lt;name&gt;</c>, else <c>data/&lt;name&gt;</c> next to
/// the application (where the NuGet package and the tool put it),
/// or in an ancestor of the application folder or of the current directory (a clone of the repository).
/// </summary>
internal static class DatasetDirectories
{
    /// <summary>The environment variable naming a folder that holds data sets, one sub-folder each.</summary>
    public const string EnvironmentVariable = "NABLA_DATA";

    /// <summary>The first existing candidate of <see cref="Candidates"/>, or null.</summary>
    public static string? Find(string name, string? environmentValue, string baseDirectory, string currentDirectory) =>
        Candidates(name, environmentValue, baseDirectory, currentDirectory).FirstOrDefault(Directory.Exists);

    /// <summary>
    /// Where the data set <paramref name="name"/> is looked for, in order: <c>&lt;environmentValue&gt;/&lt;name&gt;</c>
    /// when set, then <c>data/&lt;name&gt;</c> in <paramref name="baseDirectory"/> and each of its ancestors, then in
    /// <paramref name="currentDirectory"/> and each of its ancestors.
    /// </summary>
    public static IEnumerable<string> Candidates(string name, string? environmentValue, string baseDirectory, string currentDirectory)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue)) yield return Path.Combine(environmentValue, name);
        foreach (var start in new[] { baseDirectory, currentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                yield return Path.Combine(dir.FullName, "data", name);
        }
    }

    /// <summary>The folder for <paramref name="name"/> from this process's environment and folders, or null.</summary>
    public static string? Find(string name) => Find(name, Environment.GetEnvironmentVariable(EnvironmentVariable),
        AppContext.BaseDirectory, Directory.GetCurrentDirectory());

    /// <summary>The error for a data set found nowhere: where it was looked for and how to point Nabla at it.</summary>
    public static DirectoryNotFoundException NotFound(string dataset, string name)
    {
        string? env = Environment.GetEnvironmentVariable(EnvironmentVariable);
        string envPart = string.IsNullOrWhiteSpace(env)
            ? $"{EnvironmentVariable} is not set"
            : $"'{Path.Combine(env, name)}' (from {EnvironmentVariable}) does not exist";
        return new DirectoryNotFoundException(
            $"{dataset}: no directory was given and no data/{name} folder was found: {envPart}, and none is in "
            + $"'{AppContext.BaseDirectory}', '{Directory.GetCurrentDirectory()}' or their parents. Pass a directory "
            + $"(directory: in code, --data on the command line), set {EnvironmentVariable} to a folder holding {name}/, "
            + "or pass a DatasetDownload to fetch the files");
    }
}
