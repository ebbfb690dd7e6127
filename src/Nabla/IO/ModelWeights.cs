using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// <c>model.SaveWeights(path)</c> and <c>model.LoadWeights(path)</c>: the model's <see cref="Layer.StateDict"/> in
/// <c>.safetensors</c> (readable by PyTorch's safetensors) or <c>.npz</c> (NumPy, DeZero), under Nabla's, PyTorch's or
/// DeZero's names (<see cref="WeightNaming"/>). Saving picks the format by extension; loading by the file's first bytes
/// and the naming by its keys.
/// </summary>
public static class ModelWeights
{
    /// <summary>
    /// Writes the state dict atomically (a failed save leaves any existing file as it was) as <c>.npz</c> when the path
    /// ends so, else safetensors, with <paramref name="metadata"/> in a safetensors header's <c>__metadata__</c>.
    /// PyTorch's pickle names (<c>.pt</c>, <c>.pth</c>, <c>.bin</c>) are refused.
    /// </summary>
    public static void SaveWeights(this Layer model, string path, IReadOnlyDictionary<string, string>? metadata = null, WeightNaming naming = WeightNaming.Nabla)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        WeightFile.CheckSavePath(path, "SaveWeights");
        IReadOnlyDictionary<string, Tensor> tensors;
        try
        {
            tensors = WeightNamings.ToNaming(model, naming);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("StateDict:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("SaveWeights" + e.Message["StateDict".Length..], e);
        }
        if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) Npz.Save(path, tensors);
        else SafeTensors.Save(path, tensors, metadata);
    }

    /// <summary>
    /// Reads a checkpoint into the model. The format comes from the file's first bytes, the naming from its keys (or
    /// <paramref name="naming"/>); then <see cref="Layer.LoadStateDict"/>: every name, shape and dtype is checked before
    /// anything is assigned, so on any error (missing or unexpected key with <paramref name="strict"/>, wrong shape or
    /// dtype, corrupt file) the model is unchanged.
    /// </summary>
    public static StateDictLoadResult LoadWeights(this Layer model, string path, WeightNaming? naming = null, bool strict = true, DType? castTo = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var tensors = WeightFile.Load(path, out _);
        var used = naming ?? WeightNamings.Detect(model, tensors.Keys);
        var converted = WeightNamings.FromNaming(model, tensors, used, out var sources);
        string Describe(string key) => sources.TryGetValue(key, out var foreign)
            ? $"'{key}' ({string.Join(" + ", foreign.Select(k => $"'{k}'"))} in {used} naming)"
            : $"'{key}'";
        return model.LoadStateDictFrom(converted, strict, castTo, $"LoadWeights: file '{path}'", "file", Describe);
    }
}
