using Nabla.Tensors;

namespace Nabla.Onnx;

/// <summary>The ONNX TensorProto.DataType codes Nabla handles.</summary>
internal static class OnnxDataType
{
    public const int Float = 1, Int32 = 6, Int64 = 7, Double = 11;

    public static bool IsSupported(int code) => code is Float or Int32 or Int64 or Double;

    public static bool IsFloat(int code) => code is Float or Double;

    public static int Of(DType dtype) => dtype switch
    {
        DType.Float32 => Float,
        DType.Float64 => Double,
        DType.Int64 => Int64,
        DType.Int32 => Int32,
        _ => throw new NotSupportedException($"Onnx: no ONNX data type for Nabla dtype {dtype}"),
    };

    public static DType ToDType(int code) => code switch
    {
        Float => DType.Float32,
        Double => DType.Float64,
        Int64 => DType.Int64,
        Int32 => DType.Int32,
        _ => throw new InvalidDataException($"Onnx: unsupported tensor data type {code}"),
    };
}
