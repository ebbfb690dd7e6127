namespace Nabla.Onnx;

// The subset of the ONNX protobuf messages Nabla reads and writes, as plain classes. Field numbers live in
// OnnxWire.cs; fields Nabla does not use are skipped on reading and never written.

/// <summary>ONNX TensorProto: a named dense tensor of one data type (values kept as doubles or longs).</summary>
internal sealed class OnnxTensor
{
    public string Name = "";
    public long[] Dims = [];
    public int DataType;
    public double[]? Floats;
    public long[]? Ints;
    public long Count => Dims.Aggregate(1L, (a, b) => a * b);
}

/// <summary>ONNX AttributeProto (the kinds Nabla uses: float, int, string, tensor, floats, ints).</summary>
internal sealed class OnnxAttribute
{
    public string Name = "";
    public int Type;
    public double F;
    public long I;
    public string S = "";
    public OnnxTensor? T;
    public List<double> Floats = [];
    public List<long> Ints = [];
}

/// <summary>ONNX NodeProto: one operator application.</summary>
internal sealed class OnnxNode
{
    public string Name = "";
    public string OpType = "";
    public string Domain = "";
    public List<string> Inputs = [];
    public List<string> Outputs = [];
    public List<OnnxAttribute> Attributes = [];
}

/// <summary>ONNX ValueInfoProto with a tensor type: name, element type and shape (a dimension is a number or a name).</summary>
internal sealed class OnnxValueInfo
{
    public string Name = "";
    public int ElemType;
    public List<(long Value, string? Param)>? Shape;
}

/// <summary>ONNX GraphProto.</summary>
internal sealed class OnnxGraph
{
    public string Name = "";
    public List<OnnxNode> Nodes = [];
    public List<OnnxTensor> Initializers = [];
    public List<OnnxValueInfo> Inputs = [];
    public List<OnnxValueInfo> Outputs = [];
}

/// <summary>ONNX ModelProto.</summary>
internal sealed class OnnxModel
{
    public long IrVersion;
    public string ProducerName = "";
    public string ProducerVersion = "";
    public List<(string Domain, long Version)> Opsets = [];
    public OnnxGraph? Graph;
}
