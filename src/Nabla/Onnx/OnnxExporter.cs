using Nabla.Autodiff;
using Nabla.Functions;
using Nabla.NN;
using Nabla.Tensors;

namespace Nabla.Onnx;

/// <summary>
/// Turns the graph recorded by one forward pass into an ONNX graph: functions in the order they ran, each mapped to
/// one or more ONNX nodes; the model's parameters become initializers under their names, other leaves constants.
/// The first axis of the input is the dynamic batch axis "N".
/// </summary>
internal sealed class OnnxExporter
{
    private readonly OnnxGraph graph = new() { Name = "nabla" };
    private readonly Dictionary<Variable, string> names = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Variable, string> parameterNames = new(ReferenceEqualityComparer.Instance);
    private readonly int opset;
    private int counter;

    private OnnxExporter(int opset) => this.opset = opset;

    public static OnnxModel Build(Layer model, Tensor sampleInput, int opset)
    {
        if (opset < 13 || opset > 21) throw new ArgumentOutOfRangeException(nameof(opset), opset, "Onnx.Export: opset must be between 13 and 21");
        if (sampleInput.NDim == 0) throw new ArgumentException("Onnx.Export: the sample input needs a batch axis (it is a scalar)", nameof(sampleInput));
        var x = new Variable(sampleInput) { RequiresGrad = true };
        Variable y;
        using (Config.TestMode()) y = model.Forward(x);
        if (y.Creator is null) throw new ArgumentException("Onnx.Export: the model's output was not computed from its input by recorded functions (is backprop disabled?)");
        var exporter = new OnnxExporter(opset);
        exporter.names[x] = "input";
        foreach (var (name, p) in model.NamedParameters()) exporter.parameterNames.TryAdd(p, name);
        exporter.Translate(x, y);
        return new OnnxModel
        {
            IrVersion = 8,
            ProducerName = "Nabla",
            ProducerVersion = typeof(OnnxExporter).Assembly.GetName().Version?.ToString() ?? "",
            Opsets = [("", opset)],
            Graph = exporter.graph,
        };
    }

    private void Translate(Variable x, Variable y)
    {
        var order = Order(y);
        var unmapped = order.Where(f => !Maps(f)).Select(f => f.Name).Distinct().ToList();
        if (unmapped.Count > 0)
            throw new NotSupportedException($"Onnx.Export: no ONNX mapping for {string.Join(", ", unmapped)} (the functions ONNX export covers are listed in docs/ONNX.md)");
        int elem = OnnxDataType.Of(x.DType);
        graph.Inputs.Add(new OnnxValueInfo { Name = "input", ElemType = elem, Shape = DynamicShape(x.Shape) });
        foreach (var f in order) Emit(f);
        var output = Name(y);
        graph.Nodes.Add(Node("Identity", [output], "output"));
        var shape = y.NDim > 0 && y.Shape[0] == x.Shape[0] ? DynamicShape(y.Shape) : y.Shape.Select(d => ((long)d, (string?)null)).ToList();
        graph.Outputs.Add(new OnnxValueInfo { Name = "output", ElemType = OnnxDataType.Of(y.DType), Shape = shape });
    }

    private static List<(long, string?)> DynamicShape(int[] shape) =>
        shape.Select((d, i) => i == 0 ? (0L, (string?)"N") : ((long)d, (string?)null)).ToList();

    /// <summary>The functions y depends on, each after the functions that made its inputs.</summary>
    private static List<Function> Order(Variable y)
    {
        var order = new List<Function>();
        var seen = new HashSet<Function>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Function F, bool Expanded)>();
        stack.Push((y.Creator!, false));
        while (stack.TryPop(out var item))
        {
            if (item.Expanded) { order.Add(item.F); continue; }
            if (!seen.Add(item.F)) continue;
            stack.Push((item.F, true));
            foreach (var input in item.F.Inputs)
                if (input.Creator is { } c && !seen.Contains(c)) stack.Push((c, false));
        }
        return order;
    }

    private static bool Maps(Function f) => f is LinearFunction or MatMul or Add or Sub or Mul or Div or Neg or Exp
        or Log or Sqrt or Functions.Tanh or Sigmoid or ReLU or Abs or Sin or Cos or Pow or LeakyReLU or Softmax
        or LogSoftmax or Reshape or Transpose or Concat or Sum or MaxMin or Conv2dFunction or Deconv2dFunction
        or Pooling or AveragePooling or BatchNormFunction or BroadcastTo;

    private void Emit(Function f)
    {
        var ins = f.Inputs.Select(Name).ToList();
        var y = f.SingleOutput ?? throw new InvalidOperationException($"Onnx.Export: {f.Name} has no single live output");
        string o = Fresh(y);
        switch (f)
        {
            case LinearFunction: Append(Node("Gemm", ins, o)); break;
            case MatMul: Append(Node("MatMul", ins, o)); break;
            case Add: Append(Node("Add", ins, o)); break;
            case Sub: Append(Node("Sub", ins, o)); break;
            case Mul: Append(Node("Mul", ins, o)); break;
            case Div: Append(Node("Div", ins, o)); break;
            case Neg: Append(Node("Neg", ins, o)); break;
            case Exp: Append(Node("Exp", ins, o)); break;
            case Log: Append(Node("Log", ins, o)); break;
            case Sqrt: Append(Node("Sqrt", ins, o)); break;
            case Functions.Tanh: Append(Node("Tanh", ins, o)); break;
            case Sigmoid: Append(Node("Sigmoid", ins, o)); break;
            case ReLU: Append(Node("Relu", ins, o)); break;
            case Abs: Append(Node("Abs", ins, o)); break;
            case Sin: Append(Node("Sin", ins, o)); break;
            case Cos: Append(Node("Cos", ins, o)); break;
            case Pow p: Append(Node("Pow", [ins[0], FloatConstant(p.Exponent, f.Inputs[0].DType)], o)); break;
            case LeakyReLU l: Append(Node("LeakyRelu", ins, o, FloatAttr("alpha", l.SlopeBelowZero))); break;
            case Softmax s: Append(Node("Softmax", ins, o, IntAttr("axis", s.Axis))); break;
            case LogSoftmax s: Append(Node("LogSoftmax", ins, o, IntAttr("axis", s.Axis))); break;
            case Reshape r: Append(Node("Reshape", [ins[0], IntsConstant(ReshapeTarget(f.Inputs[0].Shape, r.TargetShape))], o)); break;
            case BroadcastTo: Append(Node("Expand", [ins[0], IntsConstant(y.Shape.Select(d => (long)d).ToArray())], o)); break;
            case Transpose t:
                var perm = t.Axes ?? Enumerable.Range(0, f.Inputs[0].NDim).Reverse().ToArray();
                Append(Node("Transpose", ins, o, IntsAttr("perm", perm.Select(a => (long)a))));
                break;
            case Concat c: Append(Node("Concat", ins, o, IntAttr("axis", c.Axis))); break;
            case Sum s: EmitReduce("ReduceSum", ins[0], o, s.Axes, s.KeepDims, axesAsInput: true); break;
            case MaxMin m: EmitReduce(m.IsMax ? "ReduceMax" : "ReduceMin", ins[0], o, m.Axes, m.KeepDims, axesAsInput: opset >= 18); break;
            case Conv2dFunction c: Append(Node("Conv", ins, o, Window(null, c.Stride, c.Pad))); break;
            case Deconv2dFunction d:
                var attrs = Window(null, d.Stride, d.Pad).ToList();
                if (d.OutSize is Pair size) attrs.Add(IntsAttr("output_shape", [size.H, size.W]));
                Append(Node("ConvTranspose", ins, o, [.. attrs]));
                break;
            case Pooling p: Append(Node("MaxPool", ins, o, Window(p.Kernel, p.Stride, p.Pad))); break;
            case AveragePooling p:
                if (p.Pad != default(Pair))
                    throw new NotSupportedException($"Onnx.Export: AveragePooling with padding {p.Pad} has no exact ONNX mapping here (only padding 0)");
                Append(Node("AveragePool", ins, o, Window(p.Kernel, p.Stride, p.Pad)));
                break;
            case BatchNormFunction b:
                string prefix = ins[1].EndsWith(".gamma", StringComparison.Ordinal) ? ins[1][..^6] : ins[1];
                string mean = TensorConstant(b.RunningMean.AsType(f.Inputs[0].DType), prefix + ".running_mean");
                string variance = TensorConstant(b.RunningVar.AsType(f.Inputs[0].DType), prefix + ".running_var");
                Append(Node("BatchNormalization", [ins[0], ins[1], ins[2], mean, variance], o, FloatAttr("epsilon", b.Eps)));
                break;
            default: throw new NotSupportedException($"Onnx.Export: no ONNX mapping for {f.Name}");
        }
    }

    /// <summary>A reshape keeps the batch axis dynamic when it keeps the input's first axis (ONNX's 0 copies it).</summary>
    private static long[] ReshapeTarget(int[] inputShape, int[] target)
    {
        var shape = target.Select(d => (long)d).ToArray();
        if (shape.Length > 0 && inputShape.Length > 0 && target[0] == inputShape[0]) shape[0] = 0;
        return shape;
    }

    private void EmitReduce(string op, string x, string o, int[]? axes, bool keepDims, bool axesAsInput)
    {
        var keep = IntAttr("keepdims", keepDims ? 1 : 0);
        if (axes is null) { Append(Node(op, [x], o, keep)); return; }
        var longs = axes.Select(a => (long)a).ToArray();
        if (axesAsInput) Append(Node(op, [x, IntsConstant(longs)], o, keep));
        else Append(Node(op, [x], o, keep, IntsAttr("axes", longs)));
    }

    private static OnnxAttribute[] Window(Pair? kernel, Pair stride, Pair pad)
    {
        var attrs = new List<OnnxAttribute>
        {
            IntsAttr("strides", [stride.H, stride.W]),
            IntsAttr("pads", [pad.H, pad.W, pad.H, pad.W]),
        };
        if (kernel is Pair k) attrs.Add(IntsAttr("kernel_shape", [k.H, k.W]));
        return [.. attrs];
    }

    private void Append(OnnxNode node)
    {
        node.Name = $"{node.OpType}_{graph.Nodes.Count}";
        graph.Nodes.Add(node);
    }

    private static OnnxNode Node(string op, List<string> inputs, string output, params OnnxAttribute[] attributes) =>
        new() { OpType = op, Inputs = inputs, Outputs = [output], Attributes = [.. attributes] };

    /// <summary>The ONNX name of a variable; a leaf seen for the first time becomes an initializer.</summary>
    private string Name(Variable v)
    {
        if (names.TryGetValue(v, out var name)) return name;
        if (v.Creator is not null) throw new InvalidOperationException("Onnx.Export: a function's input was used before the function that made it");
        return names[v] = TensorConstant(v.Data, parameterNames.TryGetValue(v, out var p) ? p : $"const_{counter++}");
    }

    private string Fresh(Variable y) => names[y] = $"t{counter++}";

    private string TensorConstant(Tensor t, string name)
    {
        var tensor = new OnnxTensor { Name = name, Dims = t.Shape.Select(d => (long)d).ToArray(), DataType = OnnxDataType.Of(t.DType) };
        if (t.DType.IsFloat()) tensor.Floats = t.ToDoubleArray();
        else tensor.Ints = t.AsType(DType.Int64).ToArray<long>();
        graph.Initializers.Add(tensor);
        return name;
    }

    private string FloatConstant(double value, DType dtype) => TensorConstant(Tensor.Scalar(value, dtype), $"const_{counter++}");

    private string IntsConstant(long[] values)
    {
        string name = $"const_{counter++}";
        graph.Initializers.Add(new OnnxTensor { Name = name, Dims = [values.Length], DataType = OnnxDataType.Int64, Ints = values });
        return name;
    }

    private static OnnxAttribute IntAttr(string name, long value) => new() { Name = name, Type = OnnxAttributeType.Int, I = value };

    private static OnnxAttribute FloatAttr(string name, double value) => new() { Name = name, Type = OnnxAttributeType.Float, F = value };

    private static OnnxAttribute IntsAttr(string name, IEnumerable<long> values) => new() { Name = name, Type = OnnxAttributeType.Ints, Ints = [.. values] };
}
