using System.Globalization;
using Nabla.Autodiff;
using Nabla.Tensors;

namespace Nabla.NN;

public abstract partial class Layer
{
    /// <summary>
    /// Every parameter and buffer (BatchNorm's running averages are parameters here) under its hierarchical name, in
    /// the order of <see cref="NamedParameters()"/>, as PyTorch's <c>state_dict()</c>. The tensors are the model's own
    /// (not copies). Parameters whose size is still inferred on the first call are refused: there is nothing to save yet.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var dict = new OrderedDictionary<string, Tensor>();
        foreach (var (name, p) in UniqueNamedParameters("StateDict"))
        {
            if (IsLazy(p.Data))
                throw new InvalidOperationException($"StateDict: parameter '{name}' is not initialised yet; run one forward pass first");
            dict.Add(name, p.Data);
        }
        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, Tensor>(dict);
    }

    /// <summary>
    /// Copies the tensors of <paramref name="stateDict"/> into the parameters of the same names, on the device each
    /// parameter is on. Every matched tensor's shape and dtype is checked before anything is assigned, so on any error
    /// the model is unchanged. With <paramref name="strict"/> a missing or unexpected key is an error that lists them
    /// all; without, the matched keys load and the others are returned. A dtype differing from the parameter's is an
    /// error unless <paramref name="castTo"/> is given (every loaded tensor is then converted to it). Parameters not yet
    /// initialised take the file's sizes where they do not know them yet; the sizes they know must match.
    /// </summary>
    public StateDictLoadResult LoadStateDict(IReadOnlyDictionary<string, Tensor> stateDict, bool strict = true, DType? castTo = null) =>
        LoadStateDictFrom(stateDict, strict, castTo, "LoadStateDict", "state dict", key => $"'{key}'");

    /// <summary>
    /// The load with the messages' context (the operation, and the file), what the tensors come from, and a way to name
    /// a key as the source names it (for LoadWeights of a file in another naming).
    /// </summary>
    internal StateDictLoadResult LoadStateDictFrom(IReadOnlyDictionary<string, Tensor> stateDict, bool strict, DType? castTo,
        string operation, string source, Func<string, string> describe)
    {
        ArgumentNullException.ThrowIfNull(stateDict);
        if (castTo is DType target && !target.IsFloat())
            throw new ArgumentException($"{operation}: castTo must be a float dtype, got {target.Name()}", nameof(castTo));
        var parameters = UniqueNamedParameters(operation);
        var missing = parameters.Where(item => !stateDict.ContainsKey(item.Name)).Select(item => item.Name).ToList();
        var known = parameters.Select(item => item.Name).ToHashSet();
        var unexpected = stateDict.Keys.Where(key => !known.Contains(key)).ToList();
        if (strict && (missing.Count > 0 || unexpected.Count > 0))
            throw new InvalidDataException($"{operation}: {KeyProblems(missing, unexpected, source, describe)}");
        var loads = new List<(Parameter Parameter, Tensor Tensor)>();
        foreach (var (name, p) in parameters)
        {
            if (!stateDict.TryGetValue(name, out var t)) continue;
            var value = castTo is DType cast && t.DType.IsFloat() ? t.AsType(cast) : t;
            if (value.DType != p.DType && !(KnowsNothing(p.Data) && value.DType.IsFloat() && p.DType.IsFloat()))
                throw new InvalidDataException($"{operation}: tensor {describe(name)} has dtype {value.DType.Name()}, the model expects {p.DType.Name()} (pass castTo to convert)");
            if (!Fits(value, p.Data))
                throw new InvalidDataException($"{operation}: tensor {describe(name)} has shape ({string.Join(",", value.Shape)}), the model expects ({Expected(p.Data)})");
            loads.Add((p, value));
        }
        // Copied onto the device the model is on, as PyTorch's load_state_dict copies into the parameters.
        foreach (var (p, t) in loads) p.Data = t.Contiguous().Copy().To(p.Data.Device);
        return new StateDictLoadResult(missing, unexpected);
    }

    private static string KeyProblems(List<string> missing, List<string> unexpected, string source, Func<string, string> describe)
    {
        var parts = new List<string>();
        if (missing.Count > 0) parts.Add($"missing keys: the {source} has no tensor {string.Join(", ", missing.Select(describe))}");
        if (unexpected.Count > 0) parts.Add($"unexpected keys: the {source} has {string.Join(", ", unexpected.Select(k => $"'{k}'"))}, which the model does not have");
        return string.Join("; ", parts) + " (load with strict: false to load the keys that match)";
    }

    /// <summary>The parameters, refusing two under one name (possible with an overridden NamedChildren), which a state dict cannot tell apart.</summary>
    private List<(string Name, Parameter Parameter)> UniqueNamedParameters(string operation)
    {
        var parameters = NamedParameters().ToList();
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
        IsLazy(current) ? string.Join(",", current.Shape.Select(d => d == 0 ? "?" : d.ToString(CultureInfo.InvariantCulture)))
            : string.Join(",", current.Shape);
}
