namespace Nabla.Onnx;

/// <summary>The ONNX AttributeProto.AttributeType codes.</summary>
internal static class OnnxAttributeType
{
    public const int Float = 1, Int = 2, String = 3, Tensor = 4, Graph = 5, Floats = 6, Ints = 7, Strings = 8;
}
