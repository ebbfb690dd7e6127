using System.IO.Compression;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// NumPy's <c>.npz</c> archives: a zip file with one <c>.npy</c> entry per array (<c>numpy.savez</c>,
/// <c>numpy.load</c>). Keys are the entry names without <c>.npy</c>.
/// </summary>
public static class Npz
{
    // A fixed entry time makes the same tensors always give the same bytes.
    private static readonly DateTimeOffset EntryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Saves <paramref name="tensors"/> as <c>&lt;key&gt;.npy</c> entries, uncompressed like <c>numpy.savez</c>
    /// (or deflated like <c>numpy.savez_compressed</c>). The file is replaced atomically: a failed save leaves any
    /// previous file as it was.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, bool compressed = false)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var level = compressed ? CompressionLevel.Optimal : CompressionLevel.NoCompression;
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            foreach (var (key, tensor) in tensors)
            {
                if (string.IsNullOrEmpty(key)) throw new ArgumentException("Npz.Save: array names must not be empty");
                if (tensor is null) throw new ArgumentNullException(nameof(tensors), $"Npz.Save: array '{key}' is null");
                var entry = zip.CreateEntry(key + ".npy", level);
                entry.LastWriteTime = EntryTime;
                using var entryStream = entry.Open();
                Npy.Write(entryStream, tensor);
            }
        });
    }

    /// <summary>
    /// Loads every array of an <c>.npz</c> file (see <see cref="Npy.Load"/> for the dtypes read). Every entry's sizes
    /// are checked against the file before anything is read, and its CRC-32 and sizes after, as NumPy does.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a zip of supported NPY arrays; the message names the file and the entry.</exception>
    public static Dictionary<string, Tensor> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var zip = Open(stream, path);
        var result = new Dictionary<string, Tensor>();
        foreach (var entry in Entries(zip, path))
        {
            string source = $"Npz.Load: file '{path}', entry '{entry.FullName}'";
            if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                throw new InvalidDataException($"{source} is not an .npy array");
            string key = entry.FullName[..^4];
            if (result.ContainsKey(key)) throw new InvalidDataException($"{source} appears twice in the archive");
            // ZipArchive would hand out the raw bytes of an encrypted entry; NumPy asks for a password.
            if (entry.IsEncrypted) throw new InvalidDataException($"{source} is encrypted, which .npz files never are");
            CheckSizes(entry, stream.Length, source);
            result[key] = ReadEntry(entry, source);
        }
        return result;
    }

    private static ZipArchive Open(FileStream stream, string path)
    {
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (Exception e) when (IsZipError(e))
        {
            throw new InvalidDataException($"Npz.Load: file '{path}' is not a valid zip archive: {e.Message}", e);
        }
    }

    /// <summary>The entries; the central directory is read lazily, so its errors surface here and must name the file.</summary>
    private static IReadOnlyList<ZipArchiveEntry> Entries(ZipArchive zip, string path)
    {
        try
        {
            return zip.Entries;
        }
        catch (Exception e) when (IsZipError(e))
        {
            throw new InvalidDataException($"Npz.Load: file '{path}' has a corrupt zip directory: {e.Message}", e);
        }
    }

    /// <summary>
    /// Refuses sizes that the file cannot hold before any memory is spent on them: the compressed bytes must fit
    /// in the file, and deflate never expands more than about 1032 times.
    /// </summary>
    private static void CheckSizes(ZipArchiveEntry entry, long fileLength, string source)
    {
        if (entry.CompressedLength > fileLength)
            throw new InvalidDataException($"{source} declares {entry.CompressedLength} compressed bytes but the file has only {fileLength}");
        if (entry.Length > entry.CompressedLength * MaxDeflateRatio + 64)
            throw new InvalidDataException(
                $"{source} declares {entry.Length} bytes from {entry.CompressedLength} compressed bytes, more than deflate can expand to (corrupt zip directory)");
    }

    private const long MaxDeflateRatio = 1032;

    /// <summary>Parses the entry while checksumming it, then checks that its CRC-32 and length are the directory's.</summary>
    private static Tensor ReadEntry(ZipArchiveEntry entry, string source)
    {
        try
        {
            using var raw = entry.Open();
            var data = new ChecksummedStream(raw, entry.Length);
            Tensor tensor;
            try
            {
                tensor = Npy.Read(data, entry.Length, source);
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                // A damaged entry is best reported as damage, not as whatever its damaged header happens to say.
                data.Drain();
                CheckIntegrity(data, entry, source);
                throw;
            }
            data.Drain();
            CheckIntegrity(data, entry, source);
            return tensor;
        }
        catch (Exception e) when (IsZipError(e) && !e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source} is corrupt: {e.Message}", e);
        }
    }

    private static void CheckIntegrity(ChecksummedStream data, ZipArchiveEntry entry, string source)
    {
        if (data.Count != entry.Length)
            throw new InvalidDataException(data.Count < entry.Length
                ? $"{source} holds {data.Count} bytes but the zip directory says {entry.Length} (truncated)"
                : $"{source} holds more than the {entry.Length} bytes the zip directory says");
        if (data.Crc != entry.Crc32)
            throw new InvalidDataException($"{source} is corrupt: Bad CRC-32 (computed {data.Crc:x8}, the zip directory says {entry.Crc32:x8})");
    }

    /// <summary>What System.IO.Compression throws for a malformed archive (not only InvalidDataException).</summary>
    private static bool IsZipError(Exception e) =>
        e is InvalidDataException or EndOfStreamException or NotSupportedException or ArgumentOutOfRangeException or IOException;
}
