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

    /// <summary>Loads every array of an <c>.npz</c> file (see <see cref="Npy.Load"/> for the dtypes read).</summary>
    /// <exception cref="InvalidDataException">The file is not a zip of supported NPY arrays; the message names the file and the entry.</exception>
    public static Dictionary<string, Tensor> Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var zip = Open(path);
        var result = new Dictionary<string, Tensor>();
        foreach (var entry in zip.Entries)
        {
            string source = $"Npz.Load: file '{path}', entry '{entry.FullName}'";
            if (!entry.FullName.EndsWith(".npy", StringComparison.Ordinal))
                throw new InvalidDataException($"{source} is not an .npy array");
            result[entry.FullName[..^4]] = Npy.Read(Inflate(entry, source), entry.Length, source);
        }
        return result;
    }

    private static ZipArchive Open(string path)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return new ZipArchive(stream, ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            stream.Dispose();
            throw new InvalidDataException($"Npz.Load: file '{path}' is not a valid zip archive: {e.Message}", e);
        }
    }

    /// <summary>The entry's bytes in memory, with decompression errors reported against the entry.</summary>
    private static MemoryStream Inflate(ZipArchiveEntry entry, string source)
    {
        try
        {
            var memory = new MemoryStream((int)Math.Min(entry.Length, int.MaxValue));
            using (var s = entry.Open()) s.CopyTo(memory);
            if (memory.Length != entry.Length)
                throw new InvalidDataException($"{source} holds {memory.Length} bytes but the zip directory says {entry.Length}");
            memory.Position = 0;
            return memory;
        }
        catch (InvalidDataException e) when (!e.Message.StartsWith(source, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{source} is corrupt: {e.Message}", e);
        }
    }
}
