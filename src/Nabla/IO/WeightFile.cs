using System.IO.Compression;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// Reads a file of named tensors whatever its extension: the format is chosen by the first bytes. PyTorch's own
/// files (a pickle from <c>torch.save</c>, or its zip holding <c>data.pkl</c>) are refused with one line saying how to
/// convert them: unpickling can run arbitrary code, which a weight loader must not do.
/// </summary>
public static class WeightFile
{
    /// <summary>The format of <paramref name="path"/>, from its first bytes.</summary>
    /// <remarks>Bytes of no known format are given to the reader of the name's format (safetensors unless .npz), whose error names what is wrong.</remarks>
    /// <exception cref="InvalidDataException">A PyTorch pickle or zip, with how to convert it.</exception>
    public static WeightFileFormat Sniff(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var head = new byte[9];
        int n;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            n = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (n >= 6 && head[0] == 0x93 && head.AsSpan(1, 5).SequenceEqual("NUMPY"u8)) return WeightFileFormat.Npy;
        if (n >= 2 && head[0] == (byte)'P' && head[1] == (byte)'K')
            return IsTorchZip(path) ? throw PyTorchFile(path, "zip") : WeightFileFormat.Npz;
        if (n >= 2 && head[0] == 0x80 && head[1] is >= 2 and <= 5) throw PyTorchFile(path, "pickle");
        if (n == 9 && head[8] == (byte)'{') return WeightFileFormat.SafeTensors;
        // Damaged bytes: the reader the name suggests says what is wrong, naming the offset.
        return path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase) ? WeightFileFormat.Npz : WeightFileFormat.SafeTensors;
    }

    /// <summary>The tensors of <paramref name="path"/> (safetensors or .npz; an .npy is one array, not a set of named ones) and the safetensors metadata (empty for .npz).</summary>
    public static Dictionary<string, Tensor> Load(string path, out Dictionary<string, string> metadata)
    {
        metadata = [];
        switch (Sniff(path))
        {
            case WeightFileFormat.Npz: return Npz.Load(path);
            case WeightFileFormat.SafeTensors: return SafeTensors.Load(path, out metadata);
            default:
                throw new InvalidDataException($"WeightFile: '{path}' is an .npy file, one array without a name; save named arrays with numpy.savez (an .npz), or read it with Npy.Load");
        }
    }

    /// <summary>Refuses, before anything is written, a path that names a PyTorch file: Nabla writes safetensors or .npz only.</summary>
    /// <exception cref="ArgumentException">The name ends in .pt, .pth, .bin, .ckpt, .pkl or .npy; the message names <paramref name="operation"/> and the path.</exception>
    public static void CheckSavePath(string path, string operation)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".pt" or ".pth" or ".bin" or ".ckpt" or ".pkl")
            throw new ArgumentException($"{operation}: '{path}' asks for a PyTorch pickle ({extension}), which Nabla does not write; save as .safetensors (torch: safetensors.torch.load_file) or .npz (numpy.load)", nameof(path));
        if (extension == ".npy")
            throw new ArgumentException($"{operation}: '{path}' is an .npy name, which holds one array; save as .safetensors or .npz", nameof(path));
    }

    private static bool IsTorchZip(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            return zip.Entries.Any(e => e.FullName.EndsWith("/data.pkl", StringComparison.Ordinal) || e.FullName == "data.pkl");
        }
        catch (InvalidDataException)
        {
            return false; // Not a readable zip: Npz.Load says what is wrong with it.
        }
    }

    private static InvalidDataException PyTorchFile(string path, string kind)
    {
        var stem = Path.ChangeExtension(Path.GetFileName(path), null);
        return new InvalidDataException(
            $"'{path}' is a PyTorch {kind} (torch.save), which Nabla does not read (unpickling runs code); convert it in Python: " +
            $"import torch, numpy; sd = torch.load('{Path.GetFileName(path)}', map_location='cpu'); " +
            $"numpy.savez('{stem}.npz', **{{k: v.numpy() for k, v in sd.items()}})  " +
            $"(or: from safetensors.torch import save_file; save_file(sd, '{stem}.safetensors'))");
    }
}
