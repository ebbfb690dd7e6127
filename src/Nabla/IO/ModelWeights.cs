using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// <c>model.SaveWeights(path)</c> and <c>model.LoadWeights(path)</c>: every parameter under its
/// hierarchical name, in <c>.safetensors</c> (readable by PyTorch's safetensors) or <c>.npz</c>
/// (NumPy, DeZero), chosen by the file's extension.
/// </summary>
public static class ModelWeights
{
    /// <summary>
    /// Writes the parameters atomically (a failed save leaves any existing file as it was);
    /// <paramref name="metadata"/> goes into a safetensors header's <c>__metadata__</c>.
    /// </summary>
    public static void SaveWeights(this Layer model, string path, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = new Dictionary<string, Tensor>();
        foreach (var (name, p) in model.NamedParameters())
        {
            if (p.Size == 0 && IsLazy(p.Data))
                throw new InvalidOperationException($"SaveWeights: parameter '{name}' is not initialised yet; run one forward pass before saving");
            tensors[name] = p.Data;
        }
        if (IsNpz(path)) Npz.Save(path, tensors);
        else SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Reads the parameters; every name, shape and dtype is checked before anything is assigned, so on
    /// any error (missing or unexpected key, wrong shape or dtype, corrupt file) the model is unchanged.
    /// Parameters not yet initialised (input size inferred later) take the file's shape.
    /// </summary>
    public static void LoadWeights(this Layer model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = IsNpz(path) ? Npz.Load(path) : SafeTensors.Load(path);
        var parameters = model.NamedParameters().ToList();
        foreach (var (name, p) in parameters)
        {
            if (!tensors.TryGetValue(name, out var t))
                throw new InvalidDataException($"LoadWeights: file '{path}' has no tensor '{name}'");
            if (t.DType != p.DType)
                throw new InvalidDataException($"LoadWeights: file '{path}', tensor '{name}' has dtype {t.DType.Name()}, the model expects {p.DType.Name()}");
            bool lazy = p.Size == 0 && IsLazy(p.Data);
            if (!lazy && !t.Shape.AsSpan().SequenceEqual(p.Shape))
                throw new InvalidDataException($"LoadWeights: file '{path}', tensor '{name}' has shape ({string.Join(",", t.Shape)}), the model expects ({string.Join(",", p.Shape)})");
        }
        var expected = parameters.Select(item => item.Name).ToHashSet();
        foreach (var key in tensors.Keys)
            if (!expected.Contains(key))
                throw new InvalidDataException($"LoadWeights: file '{path}' has tensor '{key}' that the model does not have");
        foreach (var (name, p) in parameters) p.Data = tensors[name].Contiguous().Copy();
    }

    /// <summary>A placeholder of size 0 stands for a parameter whose shape is inferred on the first call.</summary>
    private static bool IsLazy(Tensor t) => t.Size == 0;

    private static bool IsNpz(string path) => path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);
}
