using Nabla.Autodiff;
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
        foreach (var (name, p) in NamedParameters(model, "SaveWeights"))
        {
            if (IsLazy(p.Data))
                throw new InvalidOperationException($"SaveWeights: parameter '{name}' is not initialised yet; run one forward pass before saving");
            tensors[name] = p.Data;
        }
        if (IsNpz(path)) Npz.Save(path, tensors);
        else SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Reads the parameters; every name, shape and dtype is checked before anything is assigned, so on
    /// any error (missing or unexpected key, wrong shape or dtype, corrupt file) the model is unchanged.
    /// Parameters not yet initialised (input size inferred later) take the file's sizes where they do not
    /// know them yet; the sizes they know (a Linear's output size, a Conv2d's kernel) must match.
    /// </summary>
    public static void LoadWeights(this Layer model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = IsNpz(path) ? Npz.Load(path) : SafeTensors.Load(path);
        var parameters = NamedParameters(model, "LoadWeights");
        foreach (var (name, p) in parameters)
        {
            if (!tensors.TryGetValue(name, out var t))
                throw new InvalidDataException($"LoadWeights: file '{path}' has no tensor '{name}'");
            if (t.DType != p.DType && !(KnowsNothing(p.Data) && t.DType.IsFloat() && p.DType.IsFloat()))
                throw new InvalidDataException($"LoadWeights: file '{path}', tensor '{name}' has dtype {t.DType.Name()}, the model expects {p.DType.Name()}");
            if (!Fits(t, p.Data))
                throw new InvalidDataException($"LoadWeights: file '{path}', tensor '{name}' has shape ({string.Join(",", t.Shape)}), the model expects ({Expected(p.Data)})");
        }
        var expected = parameters.Select(item => item.Name).ToHashSet();
        foreach (var key in tensors.Keys)
            if (!expected.Contains(key))
                throw new InvalidDataException($"LoadWeights: file '{path}' has tensor '{key}' that the model does not have");
        // Loaded onto the device the model is on, as PyTorch's load_state_dict copies into the parameters.
        foreach (var (name, p) in parameters) p.Data = tensors[name].Contiguous().Copy().To(p.Data.Device);
    }

    /// <summary>The model's parameters, refusing two under one name (possible with an overridden NamedChildren), which a checkpoint cannot tell apart.</summary>
    private static List<(string Name, Parameter Parameter)> NamedParameters(Layer model, string operation)
    {
        var parameters = model.NamedParameters().ToList();
        var names = new HashSet<string>();
        foreach (var (name, _) in parameters)
            if (!names.Add(name))
                throw new InvalidOperationException($"{operation}: two different parameters of the model are both named '{name}'");
        return parameters;
    }

    /// <summary>
    /// A placeholder of size 0 stands for a parameter whose shape is inferred on the first call. Its dimensions
    /// of 0 are the unknown ones (Linear's W is (0, out), Conv2d's (out, 0, KH, KW)).
    /// </summary>
    private static bool IsLazy(Tensor t) => t.Size == 0;

    /// <summary>
    /// A placeholder of shape (0) knows nothing of the parameter: not its rank, and not which float dtype it
    /// takes (BatchNorm's vectors follow the input's dtype), so a float64 checkpoint loads into a fresh model.
    /// </summary>
    private static bool KnowsNothing(Tensor t) => t.NDim == 1 && t.Dim(0) == 0;

    /// <summary>The same shape, or, for a placeholder, the same rank and every dimension it already knows.</summary>
    private static bool Fits(Tensor file, Tensor current)
    {
        if (file.Shape.AsSpan().SequenceEqual(current.Shape)) return true;
        if (!IsLazy(current) || file.Size == 0) return false;
        if (KnowsNothing(current)) return true;
        if (file.NDim != current.NDim) return false;
        for (int i = 0; i < file.NDim; i++)
            if (current.Dim(i) != 0 && current.Dim(i) != file.Dim(i)) return false;
        return true;
    }

    /// <summary>The expected shape, with "?" for the dimensions a placeholder leaves open.</summary>
    private static string Expected(Tensor current) =>
        IsLazy(current) ? string.Join(",", current.Shape.Select(d => d == 0 ? "?" : d.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : string.Join(",", current.Shape);

    private static bool IsNpz(string path) => path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase);
}
