using System.ComponentModel;
using System.Diagnostics;
using Nabla.Autodiff;

namespace Nabla.IO;

/// <summary>Draws a computational graph with Graphviz's <c>dot</c> program, as DeZero's plot_dot_graph.</summary>
public static class Graphviz
{
    /// <summary>
    /// Draws the graph of <paramref name="y"/> into <paramref name="path"/> with Graphviz, in the format named by
    /// its extension (.png, .svg, .pdf, ...; .dot writes only the DOT text). The DOT text is first written next
    /// to it (the same name with the extension .dot), then <paramref name="dotExecutable"/> is run on it.
    /// </summary>
    /// <exception cref="InvalidOperationException">Graphviz's dot was not found, or failed.</exception>
    public static void SaveImage(Variable y, string path, bool verbose = false, string dotExecutable = "dot")
    {
        ArgumentNullException.ThrowIfNull(path);
        string format = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        if (format.Length == 0)
            throw new ArgumentException($"Graphviz.SaveImage: path '{path}' has no extension to choose the image format (e.g. .png, .svg, .pdf)", nameof(path));
        string dotPath = Path.ChangeExtension(path, ".dot");
        File.WriteAllText(dotPath, DotWriter.ToDot(y, verbose));
        if (format != "dot") RunDot(dotExecutable, format, dotPath, path);
    }

    private static void RunDot(string dotExecutable, string format, string dotPath, string path)
    {
        var start = new ProcessStartInfo(dotExecutable)
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var arg in new[] { "-T" + format, "-o", path, dotPath }) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception($"{dotExecutable} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Graphviz.SaveImage: Graphviz's `dot` executable ('{dotExecutable}') was not found or could not be started ({e.Message}). " +
                $"Install the Debian package graphviz (apt-get install graphviz). The DOT file was still written at {dotPath}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            stdout.Wait();
            if (process.ExitCode != 0)
                throw new InvalidOperationException(
                    $"Graphviz.SaveImage: `{dotExecutable} -T{format}` exited with code {process.ExitCode}: {stderr.Trim()} (the DOT file is at {dotPath})");
        }
    }
}
