using Nabla.Tensors;

namespace Nabla.Onnx;

/// <summary>Conversions between ONNX tensors and Nabla tensors.</summary>
internal static class OnnxTensors
{
    public static Tensor ToTensor(OnnxTensor t)
    {
        var shape = t.Dims.Select(d => checked((int)d)).ToArray();
        var dtype = OnnxDataType.ToDType(t.DataType);
        Tensor flat = t.Floats is not null ? Tensor.FromArray(t.Floats) : Tensor.FromArray(t.Ints!);
        return flat.AsType(dtype).Reshape(shape);
    }
}
