using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Nabla.Tensors;
using Tensor = Nabla.Tensors.Tensor;

namespace Nabla.Tests.Onnx;

/// <summary>Runs ONNX bytes in ONNX Runtime on a float32 Nabla tensor and compares results.</summary>
internal static class OnnxRuntimeHelper
{
    public static float[] Run(byte[] model, Tensor x, out int[] shape)
    {
        using var session = new InferenceSession(model);
        var input = new DenseTensor<float>(x.AsType(DType.Float32).ToArray<float>(), x.Shape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.First(), input)]);
        var y = results.First().AsTensor<float>();
        shape = y.Dimensions.ToArray();
        return y.ToArray();
    }

    public static void AssertClose(float[] expected, float[] actual, double tolerance = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(v => Math.Abs((double)v)) + 1e-12;
        for (int i = 0; i < expected.Length; i++)
        {
            // Relative to the largest output, as summation orders differ between the two (near-zero outputs).
            double error = Math.Abs(expected[i] - actual[i]) / scale;
            Assert.True(error <= tolerance, $"element {i}: expected {expected[i]}, got {actual[i]} (relative error {error:g3})");
        }
    }
}
