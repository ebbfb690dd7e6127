namespace Nabla.Cli;

/// <summary>A mistake the user can fix (bad option, missing data): reported as one line, without a stack trace.</summary>
public sealed class CliError(string message, int exitCode = CommandLine.UsageError) : Exception(message)
{
    /// <summary>The process exit code to return.</summary>
    public int ExitCode { get; } = exitCode;
}
