namespace Nabla.Onnx;

/// <summary>A node's attributes by name, with the defaults of the operator's specification.</summary>
internal sealed class Attributes(OnnxNode node)
{
    private readonly Dictionary<string, OnnxAttribute> byName = node.Attributes.GroupBy(a => a.Name).ToDictionary(g => g.Key, g => g.Last());

    public bool Has(string name) => byName.ContainsKey(name);

    public long Int(string name, long fallback) => byName.TryGetValue(name, out var a) ? a.I : fallback;

    public double Float(string name, double fallback) => byName.TryGetValue(name, out var a) ? a.F : fallback;

    public string String(string name, string fallback) => byName.TryGetValue(name, out var a) ? a.S : fallback;

    public long[]? Ints(string name) => byName.TryGetValue(name, out var a) ? [.. a.Ints] : null;

    public double[]? Floats(string name) => byName.TryGetValue(name, out var a) ? [.. a.Floats] : null;

    public OnnxTensor? Tensor(string name) => byName.TryGetValue(name, out var a) ? a.T : null;
}
