using System.Security.Cryptography;

namespace Nabla.IO;

/// <summary>
/// Writes a file so that readers see either the old contents or the complete new ones: the data goes to a
/// temporary file beside the target, is flushed to disk, and only then replaces the target by a rename, after
/// which the directory is flushed too so that the rename itself survives a power cut. Temporary files left by a
/// writer that was killed are removed by the next save of the same target.
/// </summary>
public static class AtomicFile
{
    private const string TempMarker = ".tmp-";
    private const int TempSuffixLength = 12;

    // A writer may have created its temporary file but not yet locked it; younger files are left alone.
    private static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(2);

    /// <summary>Runs <paramref name="write"/> on a temporary file and moves it over <paramref name="path"/>; on any failure the temporary file is deleted and the target is untouched.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        RemoveStaleTemporaries(full);
        // Same directory as the target, so the final rename never crosses file systems.
        string temp = full + TempMarker + Convert.ToHexString(RandomNumberGenerator.GetBytes(TempSuffixLength / 2)).ToLowerInvariant();
        try
        {
            // FileShare.None locks the file for as long as it is open: a live writer's file is never taken for stale.
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
        DirectorySync.Flush(Path.GetDirectoryName(full)!);
    }

    /// <summary>Whether <paramref name="name"/> is a temporary file name of the target file name <paramref name="target"/>.</summary>
    internal static bool IsTemporaryOf(string name, string target) =>
        name.Length == target.Length + TempMarker.Length + TempSuffixLength
        && name.StartsWith(target + TempMarker, StringComparison.Ordinal)
        && !name.AsSpan(name.Length - TempSuffixLength).ContainsAnyExcept("0123456789abcdef");

    /// <summary>Deletes the temporary files of <paramref name="full"/> that no live writer holds (a killed writer's lock is gone).</summary>
    private static void RemoveStaleTemporaries(string full)
    {
        string dir = Path.GetDirectoryName(full)!, target = Path.GetFileName(full);
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateFiles(dir).Where(f => IsTemporaryOf(Path.GetFileName(f), target)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return; // the save itself reports a missing or unreadable directory
        }
        foreach (var file in candidates) TryRemoveStale(file);
    }

    private static void TryRemoveStale(string file)
    {
        try
        {
            if (DateTime.UtcNow - File.GetLastWriteTimeUtc(file) < StaleAfter) return;
            // Opening without sharing fails while the writer that made it still has it open.
            using (new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None)) File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // In use or already gone: either way not ours to remove now.
        }
    }

    private static void TryDelete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (IOException)
        {
            // The original exception matters more than a leftover temporary file.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
