namespace Nabla.Data;

/// <summary>Finds the data sets that ship with the repository.</summary>
internal static class DatasetDirectories
{
    /// <summary>
    /// The folder <c>data/&lt;name&gt;</c> in the nearest ancestor of the application folder or of the current
    /// directory that has one, or null.
    /// </summary>
    public static string? FindInRepository(string name)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "data", name);
                if (Directory.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
