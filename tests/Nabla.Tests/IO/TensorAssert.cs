using Nabla.Tensors;

namespace Nabla.Tests.IO;

/// <summary>Bit-exact tensor comparison (NaN payloads and signed zeros included).</summary>
public static class TensorAssert
{
    public static void BitEqual(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.DType, actual.DType);
        Assert.Equal(expected.Shape, actual.Shape);
        switch (expected.DType)
        {
            case DType.Float32:
                Assert.Equal(expected.ToArray<float>().Select(BitConverter.SingleToInt32Bits), actual.ToArray<float>().Select(BitConverter.SingleToInt32Bits));
                break;
            case DType.Float64:
                Assert.Equal(expected.ToArray<double>().Select(BitConverter.DoubleToInt64Bits), actual.ToArray<double>().Select(BitConverter.DoubleToInt64Bits));
                break;
            case DType.Int32:
                Assert.Equal(expected.ToArray<int>(), actual.ToArray<int>());
                break;
            case DType.Int64:
                Assert.Equal(expected.ToArray<long>(), actual.ToArray<long>());
                break;
            case DType.Bool:
                Assert.Equal(expected.ToArray<bool>(), actual.ToArray<bool>());
                break;
        }
    }

    /// <summary>One tensor of every dtype with awkward values, plus 0-d and empty ones.</summary>
    public static Dictionary<string, Tensor> AllKinds()
    {
        float nan32 = BitConverter.Int32BitsToSingle(0x7FC0_1234);
        double nan64 = BitConverter.Int64BitsToDouble(0x7FF8_0000_DEAD_BEEF);
        return new Dictionary<string, Tensor>
        {
            ["f32"] = Tensor.FromArray(new float[,] { { 1.5f, -0f, float.PositiveInfinity }, { nan32, float.Epsilon, float.MaxValue } }),
            ["f64"] = Tensor.FromArray(new[] { Math.PI, -0.0, double.NegativeInfinity, nan64, double.Epsilon, double.MinValue }),
            ["i32"] = Tensor.FromArray(new[,] { { int.MinValue, -1 }, { 0, int.MaxValue } }),
            ["i64"] = Tensor.FromArray(new[] { long.MinValue, -1L, 0L, long.MaxValue }),
            ["bool"] = Tensor.FromArray(new[,,] { { { true, false }, { false, true } } }),
            ["scalar_f32"] = Tensor.Scalar(2.25, DType.Float32),
            ["scalar_i64"] = Tensor.Scalar(-7, DType.Int64),
            ["empty_f64"] = Tensor.Zeros(DType.Float64, 0),
            ["empty_i32"] = Tensor.Zeros(DType.Int32, 2, 0, 3),
            ["transposed"] = Tensor.Arange(6).Reshape(2, 3).T,
        };
    }
}
