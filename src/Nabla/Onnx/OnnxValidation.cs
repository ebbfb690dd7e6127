namespace Nabla.Onnx;

/// <summary>
/// Checks an ONNX graph before a model is built from it: one data input, every op supported (all unsupported ones
/// named in one message), every name defined before it is used, every output produced.
/// </summary>
internal static class OnnxValidation
{
    public static void Check(OnnxGraph graph, string source)
    {
        var unsupported = graph.Nodes
            .Where(n => !(n.Domain is "" or "ai.onnx") || !OnnxOps.Supported.Contains(n.OpType))
            .Select(n => n.Domain is "" or "ai.onnx" ? n.OpType : $"{n.Domain}.{n.OpType}")
            .Distinct().ToList();
        if (unsupported.Count > 0)
            throw new NotSupportedException($"Onnx.Load: '{source}' uses operators Nabla does not import: {string.Join(", ", unsupported)}");
        var initializers = graph.Initializers.Select(t => t.Name).ToHashSet();
        var dataInputs = graph.Inputs.Where(v => !initializers.Contains(v.Name)).Select(v => v.Name).ToList();
        if (dataInputs.Count != 1)
            throw new InvalidDataException($"Onnx.Load: '{source}' has {dataInputs.Count} graph inputs besides initializers ({string.Join(", ", dataInputs)}); Nabla's OnnxModule takes exactly one");
        if (graph.Outputs.Count == 0) throw new InvalidDataException($"Onnx.Load: '{source}' has no graph output");
        var defined = new HashSet<string>(initializers) { dataInputs[0] };
        foreach (var node in graph.Nodes)
        {
            foreach (var name in node.Inputs)
                if (name.Length > 0 && !defined.Contains(name))
                    throw new InvalidDataException($"Onnx.Load: '{source}': node '{node.Name}' ({node.OpType}) uses '{name}', which no initializer, graph input or earlier node defines");
            if (node.Outputs.Count == 0 || node.Outputs[0].Length == 0)
                throw new InvalidDataException($"Onnx.Load: '{source}': node '{node.Name}' ({node.OpType}) has no output");
            foreach (var name in node.Outputs) defined.Add(name);
        }
        foreach (var output in graph.Outputs)
            if (!defined.Contains(output.Name))
                throw new InvalidDataException($"Onnx.Load: '{source}': graph output '{output.Name}' is produced by no node");
    }
}
