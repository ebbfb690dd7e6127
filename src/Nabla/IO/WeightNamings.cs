using System.Globalization;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.IO;

/// <summary>
/// Converts a model's state dict between Nabla's names and PyTorch's or DeZero's (see <see cref="WeightNaming"/>), and
/// tells from a checkpoint's keys which naming it uses. The mapping follows the model's structure: each layer of a
/// known type maps its own tensors, and the path to it is joined with '.' (PyTorch) or '/' (DeZero).
/// </summary>
public static class WeightNamings
{
    /// <summary>The model's <see cref="Layer.StateDict"/> under <paramref name="naming"/>, in the layouts that naming uses (new tensors where they differ).</summary>
    public static IReadOnlyDictionary<string, Tensor> ToNaming(Layer model, WeightNaming naming)
    {
        ArgumentNullException.ThrowIfNull(model);
        var own = model.StateDict();
        if (naming == WeightNaming.Nabla) return own;
        var result = new OrderedDictionary<string, Tensor>();
        foreach (var rule in Rules(model, naming))
        {
            if (!rule.NablaKeys.All(own.ContainsKey)) continue;
            var converted = rule.Export(rule.NablaKeys.Select(k => own[k]).ToArray());
            for (int i = 0; i < rule.ForeignKeys.Length; i++) result.Add(rule.ForeignKeys[i], converted[i]);
        }
        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, Tensor>(result);
    }

    /// <summary>
    /// <paramref name="stateDict"/>, named by <paramref name="naming"/>, under Nabla's names and layouts, ready for
    /// <see cref="Layer.LoadStateDict"/>. Keys that map to nothing in the model keep their names (they are then reported
    /// as unexpected); optional keys (PyTorch's <c>num_batches_tracked</c>) are dropped.
    /// </summary>
    public static IReadOnlyDictionary<string, Tensor> FromNaming(Layer model, IReadOnlyDictionary<string, Tensor> stateDict, WeightNaming naming) =>
        FromNaming(model, stateDict, naming, out _);

    /// <summary>As <see cref="FromNaming(Layer, IReadOnlyDictionary{string, Tensor}, WeightNaming)"/>; <paramref name="sources"/> gives, for each of the model's Nabla keys, the keys the naming stores it under.</summary>
    internal static IReadOnlyDictionary<string, Tensor> FromNaming(Layer model, IReadOnlyDictionary<string, Tensor> stateDict, WeightNaming naming,
        out Dictionary<string, string[]> sources)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stateDict);
        sources = [];
        if (naming == WeightNaming.Nabla) return stateDict;
        var result = new OrderedDictionary<string, Tensor>();
        var used = new HashSet<string>();
        foreach (var rule in Rules(model, naming))
        {
            foreach (var key in rule.NablaKeys) sources[key] = rule.ForeignKeys;
            if (rule.Optional)
            {
                used.UnionWith(rule.ForeignKeys);
                continue;
            }
            if (!rule.ForeignKeys.All(stateDict.ContainsKey)) continue;
            var converted = rule.Import(rule.ForeignKeys.Select(k => stateDict[k]).ToArray());
            for (int i = 0; i < rule.NablaKeys.Length; i++) result[rule.NablaKeys[i]] = converted[i];
            used.UnionWith(rule.ForeignKeys);
        }
        foreach (var (key, t) in stateDict)
            if (!used.Contains(key)) result.TryAdd(key, t);
        return new System.Collections.ObjectModel.ReadOnlyDictionary<string, Tensor>(result);
    }

    /// <summary>
    /// The naming whose keys for <paramref name="model"/> match most of <paramref name="keys"/> (Nabla's on a tie or when
    /// none match, so that the load's error lists the keys Nabla expects).
    /// </summary>
    public static WeightNaming Detect(Layer model, IEnumerable<string> keys)
    {
        ArgumentNullException.ThrowIfNull(model);
        var present = keys.ToHashSet();
        var best = (Naming: WeightNaming.Nabla, Count: 0);
        foreach (var naming in Enum.GetValues<WeightNaming>())
        {
            var expected = naming == WeightNaming.Nabla
                ? model.NamedParameters().Select(item => item.Name)
                : Rules(model, naming).Where(r => !r.Optional).SelectMany(r => r.ForeignKeys);
            int count = expected.Count(present.Contains);
            if (count > best.Count) best = (naming, count);
        }
        return best.Naming;
    }

    /// <summary>The rules of every layer of <paramref name="model"/>, in the model's order.</summary>
    internal static List<WeightRule> Rules(Layer model, WeightNaming naming)
    {
        var rules = new List<WeightRule>();
        Walk(model, "", "", naming, rules);
        return rules;
    }

    private static void Walk(Layer layer, string nabla, string foreign, WeightNaming naming, List<WeightRule> rules)
    {
        if (layer is LSTM)
        {
            rules.AddRange(naming == WeightNaming.PyTorch ? LstmRules.PyTorch(nabla, foreign) : LstmRules.DeZero(nabla, foreign));
            return;
        }
        foreach (var (name, _) in layer.OwnParameters())
            rules.Add(OwnRule(layer, name, nabla + name, foreign + ForeignParameter(layer, name, naming), naming));
        if (layer is BatchNorm && naming == WeightNaming.PyTorch)
            rules.Add(new WeightRule([], [foreign + "num_batches_tracked"], _ => [Tensor.Scalar(0L)], _ => [], Optional: true));
        string separator = naming == WeightNaming.DeZero ? "/" : ".";
        foreach (var (name, child) in layer.NamedChildren())
            Walk(child, nabla + name + ".", foreign + ForeignChild(layer, name, naming) + separator, naming, rules);
    }

    private static WeightRule OwnRule(Layer layer, string name, string nablaKey, string foreignKey, WeightNaming naming) =>
        layer is Linear && name == "W" && naming == WeightNaming.PyTorch
            ? WeightRule.Transposed(nablaKey, foreignKey)
            : WeightRule.Rename(nablaKey, foreignKey);

    /// <summary>PyTorch's names of the parameters of the layers it has; DeZero's are Nabla's.</summary>
    private static string ForeignParameter(Layer layer, string name, WeightNaming naming)
    {
        if (naming != WeightNaming.PyTorch) return name;
        return (layer, name) switch
        {
            (Linear or ConvolutionLayer, "W") => "weight",
            (Linear or ConvolutionLayer, "b") => "bias",
            (EmbedID, "W") => "weight",
            (BatchNorm, "gamma") => "weight",
            (BatchNorm, "beta") => "bias",
            (BatchNorm, "avg_mean") => "running_mean",
            (BatchNorm, "avg_var") => "running_var",
            _ => name,
        };
    }

    /// <summary>
    /// An MLP is, in PyTorch, an <c>nn.Sequential</c> of Linears with an activation module between them, so its
    /// Linear <c>l{i}</c> is module <c>2i</c>; every other child keeps its name (Sequential's indices are PyTorch's).
    /// </summary>
    private static string ForeignChild(Layer parent, string name, WeightNaming naming) =>
        parent is MLP && naming == WeightNaming.PyTorch && name.StartsWith('l')
            && int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            ? (2 * i).ToString(CultureInfo.InvariantCulture)
            : name;
}
