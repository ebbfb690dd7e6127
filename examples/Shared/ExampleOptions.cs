namespace Nabla.Examples;

/// <summary>
/// The command line every example accepts: <c>--quick</c> for a tiny run (seconds, for tests and smoke checks)
/// and <c>--out DIR</c> for the files it writes (default: the current directory). Internal and linked into each
/// example, so the examples share it without a library of their own and without clashing when a test project
/// references them all.
/// </summary>
internal sealed record ExampleOptions(bool Quick, string OutDir)
{
    /// <summary>Exit code of a bad command line.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// Reads <paramref name="args"/>; on a bad argument or <c>--help</c> prints the usage to
    /// <paramref name="output"/> and returns null with the exit code to return (2 or 0). The output folder is created.
    /// </summary>
    public static ExampleOptions? Parse(string[] args, string name, string description, TextWriter output, out int exitCode)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool quick = false;
        string outDir = Directory.GetCurrentDirectory();
        exitCode = 0;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    break;
                case "--out" when i + 1 < args.Length:
                    outDir = Path.GetFullPath(args[++i]);
                    break;
                case "-h" or "--help":
                    output.WriteLine(Usage(name, description));
                    return null;
                default:
                    output.WriteLine(args[i] == "--out" ? $"{name}: --out needs a folder" : $"{name}: unknown argument '{args[i]}'");
                    output.WriteLine(Usage(name, description));
                    exitCode = UsageError;
                    return null;
            }
        }
        Directory.CreateDirectory(outDir);
        return new ExampleOptions(quick, outDir);
    }

    /// <summary>A path in the output folder.</summary>
    public string OutPath(string fileName) => Path.Combine(OutDir, fileName);

    private static string Usage(string name, string description) =>
        $"{name}: {description}\n" +
        $"usage: dotnet run --project examples/{name} -c Release -- [--quick] [--out DIR]\n" +
        "  --quick    a tiny run that finishes in seconds\n" +
        "  --out DIR  where to write the files (default: the current directory)";
}
