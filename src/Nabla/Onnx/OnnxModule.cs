using Nabla.Autodiff;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Onnx;

/// <summary>
/// A model loaded from an ONNX file (<see cref="Onnx.Load"/>): its forward pass replays the graph's nodes with Nabla's
/// functions, so it can be evaluated and trained. Float initializers are <see cref="Parameter"/>s under their ONNX
/// names (gradients reach them); integer initializers (shapes, axes) are constants.
/// </summary>
public sealed class OnnxModule : Model
{
    private readonly OnnxGraph graph;
    private readonly List<(string Name, Parameter Parameter)> parameters = [];
    private readonly Dictionary<string, Tensor> constants = [];
    private readonly Dictionary<string, Variable> leaves = [];

    private readonly int opset;

    internal OnnxModule(OnnxGraph graph, string source, int opset)
    {
        (this.graph, this.opset) = (graph, opset);
        OnnxValidation.Check(graph, source);
        // Batch norm's running statistics are state, not weights: an optimizer must not move them.
        var statistics = graph.Nodes.Where(n => n.OpType == "BatchNormalization").SelectMany(n => n.Inputs.Skip(3)).ToHashSet();
        foreach (var t in graph.Initializers)
        {
            var tensor = OnnxTensors.ToTensor(t);
            if (OnnxDataType.IsFloat(t.DataType) && !statistics.Contains(t.Name))
            {
                var p = new Parameter(tensor, t.Name);
                parameters.Add((t.Name, p));
                leaves[t.Name] = p;
            }
            else constants[t.Name] = tensor;
        }
        InputName = graph.Inputs.Select(v => v.Name).First(n => !leaves.ContainsKey(n) && !constants.ContainsKey(n));
    }

    /// <summary>The name of the graph input that <see cref="Forward"/> feeds.</summary>
    public string InputName { get; }

    /// <summary>The ONNX op types of the graph's nodes, in order.</summary>
    public IReadOnlyList<string> OpTypes => graph.Nodes.Select(n => n.OpType).ToList();

    /// <summary>The initializers that hold floats, as parameters named after them.</summary>
    public override IEnumerable<(string Name, Parameter Parameter)> OwnParameters() => parameters;

    /// <summary>No child layers: the parameters are the graph's own.</summary>
    public override IEnumerable<(string Name, Layer Layer)> NamedChildren() => [];

    /// <summary>Runs the graph on <paramref name="x"/> and returns its first output.</summary>
    public override Variable Forward(Variable x)
    {
        ArgumentNullException.ThrowIfNull(x);
        var values = new Dictionary<string, Variable>(leaves) { [InputName] = x };
        foreach (var (name, t) in constants) values[name] = new Variable(t) { RequiresGrad = false };
        foreach (var node in graph.Nodes)
        {
            Variable? Input(int i) => i < node.Inputs.Count && node.Inputs[i].Length > 0 ? values[node.Inputs[i]] : null;
            var y = OnnxOps.Apply(node, Input, opset);
            values[node.Outputs[0]] = y;
        }
        return values[graph.Outputs[0].Name];
    }
}
