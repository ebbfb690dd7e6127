using System.Runtime.InteropServices;

namespace Nabla.IO;

/// <summary>
/// fsync of a directory, which makes a rename inside it durable. .NET cannot open a directory as a stream, so on
/// Linux and macOS this calls the C library; elsewhere (Windows commits renames with the file system's journal) it
/// does nothing.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    /// <summary>Flushes the directory entry changes of <paramref name="directory"/>; failures are ignored, as the data itself is already on disk.</summary>
    public static void Flush(string directory)
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())) return;
        try
        {
            int fd = Open(directory, ReadOnly);
            if (fd < 0) return;
            FSync(fd);
            Close(fd);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library without these calls: the rename is still atomic, only its durability is the OS's default.
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
